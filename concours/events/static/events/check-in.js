// Check-in at the door: where the browser has a BarcodeDetector and a camera, a "Scan" button
// reads a ticket's QR code into the code field and sends the form. Without it the plain text
// field works as it is. No inline script (strict CSP).
(function () {
  "use strict";
  function start() {
    var form = document.querySelector("form[data-scanner]");
    if (!form || !("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
    var box = form.querySelector(".scanner");
    var button = form.querySelector(".scan-button");
    var video = form.querySelector(".scan-video");
    var field = form.querySelector("input[name=code]");
    box.hidden = false;
    button.addEventListener("click", function () {
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        video.play();
        function stop() { stream.getTracks().forEach(function (track) { track.stop(); }); video.hidden = true; }
        function look() {
          detector.detect(video).then(function (codes) {
            if (codes.length) {
              stop();
              field.value = codes[0].rawValue;
              form.submit();
            } else {
              window.requestAnimationFrame(look);
            }
          }).catch(function () { window.requestAnimationFrame(look); });
        }
        look();
      }).catch(function () { box.hidden = true; field.focus(); });
    });
  }
  document.addEventListener("DOMContentLoaded", start);
})();
