/*
 * Resumable upload of a recording (protocol: docs/uploads.md).
 *
 * The file goes in chunks with fetch: POST /uploads/ starts the upload, PATCH appends one chunk
 * at the offset the server has acknowledged, HEAD asks for that offset again after a dropped
 * connection, GET tells whether the arrived file has been verified. The upload's address is
 * remembered in localStorage under the file's name, size and date, so choosing the same file
 * after a reload goes on where it stopped. Loaded with <script defer>; no inline script.
 */
(function () {
  "use strict";

  var RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000, 15000, 30000];
  var POLL_MS = 1500;
  var CHUNK_TIMEOUT_MS = 120000;
  var CHECKSUM_RETRIES = 3;

  function Stopped(message) {
    this.message = message;
  }

  function format(template, values) {
    return String(template).replace(/%\((\w+)\)s/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
    });
  }

  function formatBytes(bytes) {
    var lang = document.documentElement.lang || undefined;
    var units = ["byte", "kilobyte", "megabyte", "gigabyte"];
    var value = bytes;
    var unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit += 1;
    }
    try {
      return new Intl.NumberFormat(lang, {
        style: "unit", unit: units[unit], unitDisplay: "short", maximumFractionDigits: 1,
      }).format(value);
    } catch (error) {
      return Math.round(value * 10) / 10 + " " + ["B", "kB", "MB", "GB"][unit];
    }
  }

  function toBase64(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i += 1) {
      binary += String.fromCharCode(bytes[i]);
    }
    return window.btoa(binary);
  }

  function chunkChecksum(buffer) {
    // SubtleCrypto exists only in secure contexts (https, localhost); the header is optional.
    if (!window.crypto || !window.crypto.subtle) {
      return Promise.resolve(null);
    }
    return window.crypto.subtle.digest("SHA-256", buffer).then(function (digest) {
      return "sha256 " + toBase64(digest);
    });
  }

  function Uploader(form, messages) {
    this.form = form;
    this.messages = messages;
    this.status = form.querySelector("[data-upload-status]");
    this.progressBox = form.querySelector("[data-upload-progress]");
    this.progress = this.progressBox.querySelector("progress");
    this.submit = form.querySelector("[data-upload-submit]");
    this.cancelButton = form.querySelector("[data-upload-cancel]");
    this.csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    this.busy = false;
    this.cancelled = false;
    this.url = null;
    this.key = null;
    this.wake = null;
  }

  Uploader.prototype.chunkBytes = function () {
    return Math.max(1, parseInt(this.form.dataset.chunkBytes, 10));
  };

  Uploader.prototype.say = function (text) {
    this.status.textContent = text;
  };

  Uploader.prototype.showProgress = function (offset, size) {
    this.progressBox.hidden = false;
    this.progress.value = size ? Math.floor((offset / size) * 100) : 0;
    this.say(format(this.messages.progress, { sent: formatBytes(offset), total: formatBytes(size) }));
  };

  Uploader.prototype.clearErrors = function () {
    this.form.querySelectorAll("[data-upload-error]").forEach(function (node) {
      node.remove();
    });
    this.form.querySelectorAll("[aria-invalid]").forEach(function (node) {
      node.removeAttribute("aria-invalid");
      node.closest(".field").classList.remove("has-error");
    });
  };

  Uploader.prototype.showErrors = function (errors) {
    var first = null;
    Object.keys(errors).forEach(function (name) {
      var input = this.form.elements[name === "filename" || name === "size" ? "file" : name];
      if (!input || !input.closest) {
        this.say(errors[name].join(" "));
        return;
      }
      var field = input.closest(".field");
      var note = document.createElement("p");
      note.className = "field-error";
      note.id = input.id + "_error";
      note.setAttribute("role", "alert");
      note.dataset.uploadError = "";
      note.textContent = errors[name].join(" ");
      field.classList.add("has-error");
      field.appendChild(note);
      input.setAttribute("aria-invalid", "true");
      var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (described.indexOf(note.id) === -1) {
        described.push(note.id);
      }
      input.setAttribute("aria-describedby", described.join(" "));
      first = first || input;
    }, this);
    if (first) {
      first.focus();
    }
  };

  Uploader.prototype.setBusy = function (busy) {
    this.busy = busy;
    this.submit.disabled = busy;
    this.form.elements.file.disabled = busy;
  };

  Uploader.prototype.headers = function (extra) {
    var headers = { "X-CSRFToken": this.csrf, Accept: "application/json" };
    Object.keys(extra || {}).forEach(function (name) {
      headers[name] = extra[name];
    });
    return headers;
  };

  // Wait before trying again; coming back online cuts the wait short.
  Uploader.prototype.pause = function (attempt) {
    var self = this;
    var delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)];
    this.say(format(this.messages.offline, { seconds: Math.ceil(delay / 1000) }));
    return new Promise(function (resolve) {
      var timer = window.setTimeout(done, delay);
      function done() {
        window.clearTimeout(timer);
        window.removeEventListener("online", done);
        self.wake = null;
        resolve();
      }
      self.wake = done;
      window.addEventListener("online", done);
    });
  };

  Uploader.prototype.checkCancelled = function () {
    if (this.cancelled) {
      throw new Stopped(this.messages.cancelled);
    }
  };

  // fetch, trying again after network errors and server errors (5xx) until it gets an answer.
  Uploader.prototype.request = function (url, options, attempt) {
    var self = this;
    attempt = attempt || 0;
    this.checkCancelled();
    return window.fetch(url, options).then(
      function (response) {
        if (response.status >= 500 && response.status !== 507) {
          return self.pause(attempt).then(function () {
            return self.request(url, options, attempt + 1);
          });
        }
        if (response.status === 403 && response.headers.get("Content-Type") !== "application/json") {
          throw new Stopped(self.messages.unexpected);
        }
        return response;
      },
      function () {
        return self.pause(attempt).then(function () {
          return self.request(url, options, attempt + 1);
        });
      }
    );
  };

  Uploader.prototype.fail = function (response) {
    var self = this;
    return response.json().then(
      function (data) {
        if (data.errors) {
          self.showErrors(data.errors);
        }
        throw new Stopped(data.message || self.messages.unexpected);
      },
      function () {
        throw new Stopped(self.messages.unexpected);
      }
    );
  };

  // How much of the upload at this.url the server has; null when it no longer exists.
  Uploader.prototype.askOffset = function () {
    var self = this;
    return this.request(this.url, {
      method: "HEAD", credentials: "same-origin", cache: "no-store", headers: this.headers(),
    }).then(function (response) {
      if (response.status === 404 || response.status === 410) {
        return null;
      }
      if (!response.ok) {
        return self.fail(response);
      }
      return parseInt(response.headers.get("Upload-Offset"), 10);
    });
  };

  Uploader.prototype.create = function (file) {
    var self = this;
    var form = this.form;
    this.say(this.messages.starting);
    var body = JSON.stringify({
      purpose: "recording",
      application: form.dataset.application,
      filename: file.name,
      size: file.size,
      title: form.elements.title.value,
      recorded_on: form.elements.recorded_on.value,
      unedited: form.elements.unedited.checked,
    });
    return this.request(form.action, {
      method: "POST", credentials: "same-origin", body: body,
      headers: this.headers({ "Content-Type": "application/json" }),
    }).then(function (response) {
      if (response.status !== 201) {
        return self.fail(response);
      }
      self.url = response.headers.get("Location");
      window.localStorage.setItem(self.key, self.url);
      return 0;
    });
  };

  Uploader.prototype.sendFrom = function (file, offset, attempt, checksumRetries) {
    var self = this;
    this.checkCancelled();
    if (offset >= file.size) {
      return Promise.resolve();
    }
    var end = Math.min(offset + this.chunkBytes(), file.size);
    var buffer;
    return file.slice(offset, end).arrayBuffer().then(function (data) {
      buffer = data;
      return chunkChecksum(buffer);
    }).then(function (checksum) {
      var extra = { "Content-Type": "application/offset+octet-stream", "Upload-Offset": String(offset) };
      if (checksum) {
        extra["Upload-Checksum"] = checksum;
      }
      return window.fetch(self.url, {
        method: "PATCH", credentials: "same-origin", body: buffer, headers: self.headers(extra),
        signal: window.AbortSignal && AbortSignal.timeout ? AbortSignal.timeout(CHUNK_TIMEOUT_MS) : undefined,
      });
    }).then(
      function (response) {
        if (response.status === 204) {
          var next = parseInt(response.headers.get("Upload-Offset"), 10);
          self.showProgress(next, file.size);
          return self.sendFrom(file, next, 0, 0);
        }
        if (response.status === 409) {
          return response.json().then(function (data) {
            if (data.error === "offset_mismatch") {
              return self.sendFrom(file, data.offset, attempt, checksumRetries);
            }
            if (data.error === "not_receiving") {
              return undefined; // already complete: the status tells the rest
            }
            throw new Stopped(data.message);
          });
        }
        if (response.status === 460 && checksumRetries < CHECKSUM_RETRIES) {
          return self.sendFrom(file, offset, attempt, checksumRetries + 1);
        }
        if (response.status >= 500 && response.status !== 507) {
          return self.resume(file, attempt);
        }
        return self.fail(response);
      },
      function () {
        return self.resume(file, attempt);
      }
    );
  };

  // After a dropped connection: wait, ask the server how far it got, go on from there.
  Uploader.prototype.resume = function (file, attempt) {
    var self = this;
    return this.pause(attempt).then(function () {
      self.say(self.messages.retrying);
      return self.askOffset();
    }).then(function (offset) {
      if (offset === null) {
        throw new Stopped(self.messages.unexpected);
      }
      self.showProgress(offset, file.size);
      return self.sendFrom(file, offset, attempt + 1, 0);
    });
  };

  Uploader.prototype.waitForVerification = function (attempt) {
    var self = this;
    this.checkCancelled();
    return this.request(this.url, {
      method: "GET", credentials: "same-origin", cache: "no-store", headers: this.headers(),
    }, attempt).then(function (response) {
      if (!response.ok) {
        return self.fail(response);
      }
      return response.json();
    }).then(function (data) {
      if (data.status === "ready") {
        return data;
      }
      if (data.status === "rejected") {
        window.localStorage.removeItem(self.key);
        throw new Stopped(data.message);
      }
      self.progress.value = 100;
      self.say(self.messages.verifying);
      return new Promise(function (resolve) {
        window.setTimeout(resolve, POLL_MS);
      }).then(function () {
        return self.waitForVerification(0);
      });
    });
  };

  Uploader.prototype.addToList = function (recording) {
    var list = document.querySelector("[data-recording-list]");
    if (!list) {
      return;
    }
    var empty = list.querySelector("[data-recording-none]");
    if (empty) {
      empty.remove();
    }
    var item = document.createElement("li");
    item.textContent = recording.label;
    list.appendChild(item);
  };

  Uploader.prototype.start = function (event) {
    var self = this;
    event.preventDefault();
    if (this.busy) {
      return;
    }
    this.clearErrors();
    var file = this.form.elements.file.files[0];
    if (!file) {
      this.showErrors({ file: [this.messages.chooseFile] });
      return;
    }
    if (file.size > parseInt(this.form.dataset.maxBytes, 10)) {
      this.showErrors({ file: [this.messages.tooLarge] });
      return;
    }
    this.cancelled = false;
    this.setBusy(true);
    this.key = ["concours-upload", this.form.dataset.application, file.name, file.size, file.lastModified].join(":");
    this.url = window.localStorage.getItem(this.key);
    var known = this.url ? this.askOffset() : Promise.resolve(null);
    known.then(function (offset) {
      if (offset === null) {
        return self.create(file);
      }
      self.say(format(self.messages.resuming, { name: file.name }));
      return offset;
    }).then(function (offset) {
      self.showProgress(offset, file.size);
      return self.sendFrom(file, offset, 0, 0);
    }).then(function () {
      return self.waitForVerification(0);
    }).then(function (data) {
      window.localStorage.removeItem(self.key);
      self.progress.value = 100;
      self.progressBox.hidden = true;
      self.say(format(self.messages.ready, { label: data.recording ? data.recording.label : file.name }));
      if (data.recording) {
        self.addToList(data.recording);
      }
      self.form.reset();
    }).catch(function (error) {
      self.progressBox.hidden = true;
      if (self.cancelled) {
        self.say(self.messages.cancelled);
      } else if (error instanceof Stopped) {
        self.say(format(self.messages.failed, { reason: error.message || self.messages.unexpected }));
      } else {
        self.say(self.messages.unexpected);
        window.console.error(error);
      }
    }).finally(function () {
      self.setBusy(false);
    });
  };

  Uploader.prototype.cancel = function () {
    this.cancelled = true;
    if (this.wake) {
      this.wake();
    }
    if (this.key) {
      window.localStorage.removeItem(this.key);
    }
    if (this.url) {
      window.fetch(this.url, { method: "DELETE", credentials: "same-origin", headers: this.headers() })
        .catch(function () { /* it expires on its own */ });
    }
    this.say(this.messages.cancelled);
    this.progressBox.hidden = true;
  };

  function discardButtons(csrf) {
    document.querySelectorAll("[data-upload-discard]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        button.disabled = true;
        window.fetch(button.dataset.uploadDiscard, {
          method: "DELETE", credentials: "same-origin", headers: { "X-CSRFToken": csrf },
        }).then(function (response) {
          if (response.status === 204 || response.status === 404) {
            button.closest("li").remove();
          } else {
            button.disabled = false;
          }
        }, function () {
          button.disabled = false;
        });
      });
    });
  }

  function init() {
    var form = document.querySelector("form[data-upload-form]");
    var source = document.getElementById("upload-messages");
    if (!form || !source || !window.fetch || !window.Blob || !Blob.prototype.arrayBuffer) {
      return;
    }
    var uploader = new Uploader(form, JSON.parse(source.textContent));
    form.hidden = false;
    document.querySelectorAll("[data-upload-needs-script]").forEach(function (node) {
      node.hidden = true;
    });
    form.addEventListener("submit", uploader.start.bind(uploader));
    uploader.cancelButton.addEventListener("click", uploader.cancel.bind(uploader));
    window.addEventListener("beforeunload", function (event) {
      if (uploader.busy) {
        event.preventDefault();
      }
    });
    discardButtons(uploader.csrf);
  }

  init();
})();
