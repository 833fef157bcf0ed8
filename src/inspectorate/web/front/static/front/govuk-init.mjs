// Starts GOV.UK Frontend's components (the navigation's menu button, notification banners, skip link).
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
