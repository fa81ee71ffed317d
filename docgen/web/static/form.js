// docgen's form, made quicker with scripting. Everything here also works without it: the add and
// remove buttons are submit buttons the server answers, and the section list is plain links.
// This file only saves round trips and keeps the user oriented. No inline script, no eval.
"use strict";

(function () {
  var form = document.querySelector("form.case-form");
  if (!form) return;
  var announcer = document.getElementById("announcer");

  function announce(text) {
    if (!announcer) return;
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  }

  function capitalised(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  function rowsOf(repeat) {
    var container = repeat.querySelector(":scope > .rows");
    return container ? Array.prototype.filter.call(container.children, function (el) {
      return el.classList.contains("row");
    }) : [];
  }

  // Rows are numbered by their place, whatever their index in the input names.
  function renumber(repeat) {
    rowsOf(repeat).forEach(function (row, position) {
      row.querySelectorAll(":scope > legend .row-number, :scope > button.remove .row-number, " +
        ":scope > .field label .row-number, :scope > button.remove .visually-hidden .row-number")
        .forEach(function (span) { span.textContent = String(position + 1); });
    });
  }

  function addRow(repeat) {
    var template = document.getElementById("template-" + repeat.dataset.pattern);
    if (!template) return false;
    var indices = repeat.dataset.path.split(".").filter(function (s) { return /^\d+$/.test(s); });
    var next = parseInt(repeat.dataset.next || "0", 10);
    var position = rowsOf(repeat).length + 1;
    var html = template.innerHTML
      .replace(/__n(\d+)__/g, function () { return String(position); })
      .replace(/__(\d+)__/g, function (match, depth) {
        depth = parseInt(depth, 10);
        return depth < indices.length ? indices[depth] : String(next);
      });
    var holder = document.createElement("template");
    holder.innerHTML = html;
    var row = holder.content.firstElementChild;
    repeat.querySelector(":scope > .rows").appendChild(holder.content);
    repeat.dataset.next = String(next + 1);
    renumber(repeat);
    refreshReferences();
    var first = row && row.querySelector("input, select, textarea");
    if (first) first.focus();
    announce(capitalised(repeat.dataset.item) + " " + position + " added.");
    return true;
  }

  function hasContent(row) {
    return Array.prototype.some.call(row.querySelectorAll("input[type=text], input[type=email], input[type=url], textarea"),
      function (el) { return el.value.trim() !== ""; });
  }

  function removeRow(row) {
    var repeat = row.closest(".repeat");
    if (!repeat) return false;
    var item = repeat.dataset.item;
    if (hasContent(row) && !window.confirm("Remove this " + item + " and everything typed in it?")) return true;
    row.remove();
    renumber(repeat);
    refreshReferences();
    var add = repeat.querySelector(":scope > button.add");
    if (add) add.focus();
    announce(capitalised(item) + " removed.");
    return true;
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button || !form.contains(button)) return;
    if (button.classList.contains("add")) {
      if (addRow(button.closest(".repeat"))) event.preventDefault();
    } else if (button.classList.contains("remove")) {
      var row = button.closest(".row");
      if (row && removeRow(row)) event.preventDefault();
    }
  });

  // Selects that refer to sources, annexes or procedural steps list the ids present now.
  var REFERENCE = /^(sources|annexes|procedural_history)\.(\d+)\.(id|title|authority|reference)$/;

  function idsOf(part) {
    var found = [];
    var seen = {};
    form.querySelectorAll("input[name^='" + part + ".'][name$='.id']").forEach(function (input) {
      if (input.closest("template")) return;
      var match = input.name.match(/^[a-z_]+\.(\d+)\.id$/);
      var id = input.value.trim();
      if (!match || !id || seen[id]) return;
      seen[id] = true;
      var words = [];
      ["title", "authority", "reference"].forEach(function (key) {
        var other = form.elements.namedItem(part + "." + match[1] + "." + key);
        if (other && other.value && other.value.trim()) words.push(other.value.trim());
      });
      var label = words.join(" ").slice(0, 80);
      found.push([id, label ? id + " — " + label : id]);
    });
    return found;
  }

  function refreshReferences() {
    var lists = {};
    form.querySelectorAll("select[data-refers-to]").forEach(function (select) {
      var part = select.dataset.refersTo;
      if (!lists[part]) lists[part] = idsOf(part);
      var current = select.value;
      var empty = select.options.length && select.options[0].value === "" ? select.options[0].text : null;
      var options = lists[part].slice();
      var present = options.some(function (option) { return option[0] === current; });
      if (current && !present) options.push([current, current + " (not found)"]);
      select.textContent = "";
      if (empty !== null) select.appendChild(new Option(empty, ""));
      options.forEach(function (option) {
        select.appendChild(new Option(option[1], option[0], false, option[0] === current));
      });
      select.value = current;
    });
  }

  var pending = null;
  form.addEventListener("input", function (event) {
    if (!event.target.name || !REFERENCE.test(event.target.name)) return;
    window.clearTimeout(pending);
    pending = window.setTimeout(refreshReferences, 300);
  });

  // A file larger than the service accepts would lose the whole form: say so before sending.
  var limit = parseInt(form.dataset.maxBytes || "0", 10);
  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type !== "file" || !limit || !input.files.length) return;
    if (input.files[0].size > limit * 0.9) {
      window.alert("This file is too large to send (" + Math.round(input.files[0].size / 1048576) +
        " MB). Choose a smaller one.");
      input.value = "";
    }
  });

  // The summary's links move the keyboard focus to the field, not only the view.
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".error-summary a[href^='#'], .warning-summary a[href^='#']");
    if (!link) return;
    var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  });

  // Where the user is: the section list marks the section in view.
  var links = {};
  document.querySelectorAll(".section-nav a[data-section]").forEach(function (link) {
    links["section-" + link.dataset.section] = link;
  });
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.section[id^='section-']"));
  function markCurrent() {
    var current = null;
    var line = window.innerHeight * 0.3;
    sections.forEach(function (section) {
      if (section.getBoundingClientRect().top <= line) current = section;
    });
    if (!current) current = sections[0];
    Object.keys(links).forEach(function (id) {
      if (current && id === current.id) links[id].setAttribute("aria-current", "location");
      else links[id].removeAttribute("aria-current");
    });
  }
  var ticking = false;
  window.addEventListener("scroll", function () {
    if (ticking) return;
    ticking = true;
    window.requestAnimationFrame(function () { ticking = false; markCurrent(); });
  }, { passive: true });
  markCurrent();
})();
