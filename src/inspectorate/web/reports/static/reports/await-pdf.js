// A report's PDF being printed: ask again every few seconds (a HEAD request: the page is not
// reloaded under the reader) and start the download once it is ready. Without scripts, the page's
// link asks again by hand.
(function () {
  var status = document.querySelector("[data-await-pdf]");
  if (!status || !window.fetch) {
    return;
  }
  var url = status.getAttribute("data-await-pdf");
  var every = Number(status.getAttribute("data-retry") || 5) * 1000;
  function ask() {
    fetch(url, { method: "HEAD", credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 200) {
          status.textContent = "The PDF is ready: its download starts now.";
          window.location.assign(url);
        } else {
          window.setTimeout(ask, every);
        }
      })
      .catch(function () {
        window.setTimeout(ask, every);
      });
  }
  window.setTimeout(ask, every);
})();
