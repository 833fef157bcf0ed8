"""Pure, typed core of Inspectorate: specifications and engines, with no Django in sight."""
