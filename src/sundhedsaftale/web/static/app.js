/* Sundhedsaftale: start DKFDS, re-initialise DKFDS components in content htmx swaps in, and show
   an accessible DKFDS error alert when an htmx request fails. No framework. Texts come from data-*
   attributes on #app-alerts (base.html), so they are translated by Django. */
(function () {
  "use strict";

  var DKFDS = window.DKFDS;

  // DKFDS' documented start-up call: initialises every component on the page (menus, accordions, ...).
  if (DKFDS && typeof DKFDS.init === "function") {
    DKFDS.init();
  }

  // Components inside swapped-in content. DKFDS.init() is not re-run: it would bind the header
  // navigation a second time (and the menu button would then open and close on one click).
  var COMPONENTS = [
    [".accordion, .accordion-bordered:not(.accordion)", "Accordion"],
    [".alert.has-close", "Alert"],
    [".js-dropdown", "Dropdown"],
    [".form-limit", "CharacterLimit"],
    [".js-checkbox-toggle-content", "CheckboxToggleContent"],
    [".js-radio-toggle-group", "RadioToggleGroup"],
    ["div.tab-container", "Tabs"],
    [".tooltip-wrapper", "Tooltip"],
    [".fds-modal", "Modal"],
  ];

  function initComponents(root) {
    if (!DKFDS || !root || !root.querySelectorAll) return;
    COMPONENTS.forEach(function (entry) {
      var Component = DKFDS[entry[1]];
      if (typeof Component !== "function") return;
      var found = Array.prototype.slice.call(root.querySelectorAll(entry[0]));
      if (root.matches && root.matches(entry[0])) found.unshift(root);
      found.forEach(function (el) {
        try {
          new Component(el).init();
        } catch (err) {
          console.error("DKFDS " + entry[1], err);
        }
      });
    });
    if (DKFDS.datePicker && typeof DKFDS.datePicker.on === "function") {
      DKFDS.datePicker.on(root);
    }
  }

  document.body.addEventListener("htmx:load", function (event) {
    var elt = event.detail && event.detail.elt;
    if (elt && elt !== document.body) initComponents(elt);
  });

  // --- Errors from htmx requests ------------------------------------------------------------
  var region = document.getElementById("app-alerts");

  function text(key, fallback) {
    return (region && region.dataset[key]) || fallback;
  }

  function icon(name) {
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("class", "icon-svg");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("aria-hidden", "true");
    var use = document.createElementNS("http://www.w3.org/2000/svg", "use");
    use.setAttribute("href", text("icons", "") + "#" + name);
    svg.appendChild(use);
    return svg;
  }

  /** The server's message: text/plain as is; JSON's detail/message/error; an HTML page's
      [data-error-message], <main> h1 or <title>. */
  function serverMessage(xhr) {
    if (!xhr) return "";
    var body = (xhr.responseText || "").trim();
    if (!body) return "";
    var type = (xhr.getResponseHeader("Content-Type") || "").toLowerCase();
    if (type.indexOf("json") !== -1) {
      try {
        var data = JSON.parse(body);
        var found = data && (data.detail || data.message || data.error);
        if (Array.isArray(found)) found = found.map(function (d) { return d.msg || d.message || String(d); }).join(" ");
        return typeof found === "string" ? found : "";
      } catch (err) {
        return "";
      }
    }
    if (type.indexOf("html") !== -1) {
      var doc = new DOMParser().parseFromString(body, "text/html");
      var el = doc.querySelector("[data-error-message]") || doc.querySelector("main h1, h1") || doc.querySelector("title");
      return el ? el.textContent.replace(/\s+/g, " ").trim() : "";
    }
    return body.length > 500 ? body.slice(0, 500) + "…" : body;
  }

  function showError(message) {
    if (!region) return;
    var alert = document.createElement("div");
    alert.className = "alert alert-error has-close";
    alert.setAttribute("role", "alert");

    var alertIcon = icon("error");
    alertIcon.setAttribute("class", "icon-svg alert-icon");
    alertIcon.removeAttribute("aria-hidden");
    alertIcon.setAttribute("role", "img");
    alertIcon.setAttribute("aria-label", text("errorLabel", "Fejl"));
    alert.appendChild(alertIcon);

    var body = document.createElement("div");
    body.className = "alert-body";
    var heading = document.createElement("p");
    heading.className = "alert-heading pr-7";
    heading.textContent = text("errorHeading", "Handlingen kunne ikke gennemføres");
    var para = document.createElement("p");
    para.className = "alert-text";
    para.textContent = message; // textContent: the server's text is never parsed as HTML
    var close = document.createElement("button");
    close.type = "button";
    close.className = "alert-close";
    close.appendChild(icon("close"));
    close.appendChild(document.createTextNode(text("close", "Luk")));
    close.addEventListener("click", function () {
      alert.remove();
      var main = document.getElementById("main-content");
      if (main) {
        // Keep focus in the page after the alert (and its button) is gone.
        main.setAttribute("tabindex", "-1");
        main.addEventListener("blur", function () { main.removeAttribute("tabindex"); }, { once: true });
        main.focus();
      }
    });
    body.appendChild(heading);
    body.appendChild(para);
    body.appendChild(close);
    alert.appendChild(body);

    region.replaceChildren(alert); // one error at a time
    var rect = alert.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > window.innerHeight) alert.scrollIntoView({ block: "nearest" });
  }

  document.body.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail && event.detail.xhr;
    var message = serverMessage(xhr);
    if (!message) message = text("statusError", "Serveren svarede med fejlkode") + " " + (xhr ? xhr.status : "");
    showError(message);
  });

  document.body.addEventListener("htmx:sendError", function () {
    showError(text("networkError", "Serveren kunne ikke nås. Prøv igen om lidt."));
  });

  // Print with every "Fakta og grundlag" open, then restore.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (d) {
      d.setAttribute("open", "");
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.removeAttribute("open"); });
    opened = [];
  });
})();
