// Test-ID-porten's logout page: once every service's front-channel logout (a hidden
// iframe) has answered, go on to where the service asked to be sent. Without JavaScript
// the page's link does the same. No inline script (CSP).
(function () {
  "use strict";
  var link = document.querySelector("[data-frontchannel-next]");
  if (!link) {
    return;
  }
  var frames = Array.prototype.slice.call(document.querySelectorAll("iframe[data-frontchannel]"));
  var gone = false;
  function goOn() {
    if (!gone) {
      gone = true;
      window.location.replace(link.getAttribute("data-frontchannel-next"));
    }
  }
  var left = frames.length;
  if (left === 0) {
    goOn();
    return;
  }
  frames.forEach(function (frame) {
    frame.addEventListener("load", function () {
      left -= 1;
      if (left === 0) {
        goOn();
      }
    });
  });
  // A service that never answers does not keep the person here.
  window.setTimeout(goOn, 5000);
})();
