// The juror's marking screen: every change is kept in this browser (localStorage) until the
// server confirms it, so a dropped Wi-Fi loses nothing. Each change carries a version number;
// the server applies only a newer version, so sending the same change twice is harmless.
// See docs/live-rounds.md.
(function () {
  "use strict";
  const root = document.querySelector(".marking");
  if (!root) return;

  const lang = document.documentElement.lang || "en";
  const zh = lang.toLowerCase().startsWith("zh");
  const T = zh
    ? {
        pending: "已保存在本设备，等待网络连接后发送…",
        sending: "正在发送…",
        saved: "已保存到服务器",
        refused: "服务器拒绝：",
        offline: "网络已断开：评分保存在本设备上，恢复连接后会自动发送。",
        online: "已连接",
        waiting: (n) => `${n} 个评分等待发送`,
      }
    : {
        pending: "Kept on this device; will be sent when the connection returns…",
        sending: "Sending…",
        saved: "Saved on the server",
        refused: "Refused by the server: ",
        offline: "Offline: your marks are kept on this device and sent when the connection returns.",
        online: "Connected",
        waiting: (n) => (n === 1 ? "1 mark waiting to be sent" : `${n} marks waiting to be sent`),
      };

  const storeKey = `concours.marks.${root.dataset.round}.${root.dataset.juror}`;
  const csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  const connection = root.querySelector("[data-connection]");
  const summary = root.querySelector("[data-pending-summary]");

  function load() {
    try {
      return JSON.parse(localStorage.getItem(storeKey) || "{}");
    } catch (error) {
      return {};
    }
  }
  function save(queue) {
    localStorage.setItem(storeKey, JSON.stringify(queue));
  }
  let queue = load();

  function card(reference) {
    return root.querySelector(`.marking-card[data-application="${reference}"]`);
  }
  function setState(item, text, kind) {
    const state = item.querySelector("[data-mark-state]");
    state.textContent = text;
    state.dataset.kind = kind;
    item.dataset.state = kind;
  }
  function updateSummary() {
    const count = Object.keys(queue).length;
    summary.textContent = count ? T.waiting(count) : "";
    root.dataset.pending = String(count);
  }

  function read(item) {
    const abstain = item.querySelector("input[name=abstain]").checked;
    const value = item.querySelector("input[name=value]").value.trim();
    const chosen = item.querySelector("input[type=radio]:checked");
    return {
      application: item.dataset.application,
      status: abstain ? "S" : "scored",
      value: abstain ? null : value,
      vote: chosen ? chosen.value === "yes" : null,
      notes: item.querySelector("textarea[name=notes]").value,
      feedback: item.querySelector("textarea[name=feedback]").value,
    };
  }
  function write(item, mark) {
    item.querySelector("input[name=abstain]").checked = mark.status === "S";
    const value = item.querySelector("input[name=value]");
    value.value = mark.value === null || mark.value === undefined ? "" : mark.value;
    value.disabled = mark.status === "S";
    item.querySelectorAll("input[type=radio]").forEach((radio) => {
      radio.checked = mark.vote !== null && (radio.value === "yes") === mark.vote;
    });
    item.querySelector("textarea[name=notes]").value = mark.notes || "";
    item.querySelector("textarea[name=feedback]").value = mark.feedback || "";
  }
  function nextVersion(item) {
    const pending = queue[item.dataset.application];
    const known = Math.max(Number(item.dataset.version || 0), pending ? pending.version : 0);
    return known + 1;
  }

  function change(item) {
    const mark = read(item);
    if (mark.status === "scored" && mark.value === "" && !mark.notes && !mark.feedback) return;
    mark.version = nextVersion(item);
    queue[mark.application] = mark;
    save(queue);
    setState(item, T.pending, "pending");
    updateSummary();
    flush();
  }

  let flushing = false;
  async function flush() {
    if (flushing) return;
    flushing = true;
    try {
      for (const reference of Object.keys(queue)) {
        const mark = queue[reference];
        const item = card(reference);
        if (item) setState(item, T.sending, "sending");
        let response;
        try {
          response = await fetch(root.dataset.markUrl, {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
            body: JSON.stringify(mark),
          });
        } catch (error) {
          if (item) setState(item, T.pending, "pending");
          offline();
          break;
        }
        let answer = null;
        try {
          answer = await response.json();
        } catch (error) {
          answer = null;
        }
        if (response.ok && answer && answer.ok) {
          online();
          const stored = answer.mark;
          // Only forget the change once the server holds it or something newer.
          if (queue[reference] && queue[reference].version <= stored.version) delete queue[reference];
          save(queue);
          if (item) {
            item.dataset.version = String(stored.version);
            if (!queue[reference]) {
              if (stored.version > mark.version) write(item, stored);
              const time = new Date(stored.recorded_at).toLocaleTimeString(lang);
              setState(item, `✓ ${T.saved} ${time}`, "saved");
            }
          }
        } else if (answer && answer.error && response.status < 500) {
          online();
          if (queue[reference] && queue[reference].version === mark.version) delete queue[reference];
          save(queue);
          if (item) setState(item, T.refused + answer.error, "refused");
        } else {
          if (item) setState(item, T.pending, "pending");
          break;
        }
      }
    } finally {
      flushing = false;
      updateSummary();
    }
  }

  function offline() {
    connection.textContent = T.offline;
    root.dataset.connection = "offline";
  }
  function online() {
    connection.textContent = "";
    root.dataset.connection = "online";
  }

  async function poll() {
    try {
      const response = await fetch(root.dataset.stateUrl, { credentials: "same-origin" });
      if (!response.ok) return;
      const state = await response.json();
      online();
      root.querySelectorAll(".marking-card").forEach((item) => {
        item.classList.toggle("on-stage", item.dataset.application === state.on_stage);
      });
      root.querySelector("[data-stage]").textContent = state.stage_label;
      if (Object.keys(queue).length) flush();
    } catch (error) {
      offline();
    }
  }

  // Restore what this device still holds (e.g. after a reload while offline), then send it.
  for (const reference of Object.keys(queue)) {
    const item = card(reference);
    if (!item) continue;
    write(item, queue[reference]);
    setState(item, T.pending, "pending");
  }
  updateSummary();

  root.querySelectorAll(".marking-card").forEach((item) => {
    let timer = null;
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(() => change(item), 700);
    };
    item.querySelectorAll("input[name=value], textarea").forEach((field) => {
      field.addEventListener("input", later);
      field.addEventListener("change", () => {
        clearTimeout(timer);
        change(item);
      });
    });
    item.querySelectorAll("input[type=radio]").forEach((field) => {
      field.addEventListener("change", () => change(item));
    });
    item.querySelector("input[name=abstain]").addEventListener("change", (event) => {
      item.querySelector("input[name=value]").disabled = event.target.checked;
      change(item);
    });
  });

  window.addEventListener("online", () => {
    online();
    flush();
  });
  window.addEventListener("offline", offline);
  setInterval(() => (Object.keys(queue).length ? flush() : null), 4000);
  setInterval(poll, 8000);
  if (Object.keys(queue).length) flush();
})();
