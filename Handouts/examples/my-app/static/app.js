// my-app's only script. It shows that JavaScript arrived and ran, and, on a watch page,
// what the browser learned about the video from its first range requests.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  var transport = document.getElementById("transport");
  if (transport) {
    transport.textContent = "This line was written by /static/app.js, so the script came too. " +
      "Page served from " + window.location.host + ".";
    transport.className = "note ok";
  }

  var video = document.getElementById("player");
  var status = document.getElementById("status");
  if (video && status) {
    var report = function () {
      status.textContent = "Video: " + video.videoWidth + " x " + video.videoHeight +
        ", " + video.duration.toFixed(1) + " s (readyState " + video.readyState + ").";
    };
    video.addEventListener("loadedmetadata", report);
    video.addEventListener("seeked", report);
    video.addEventListener("error", function () {
      status.textContent = "Video: the browser could not load it (error " +
        (video.error ? video.error.code : "?") + ").";
    });
    if (video.readyState >= 1) { report(); }
  }
});
