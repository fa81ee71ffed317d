// docgen's interview, made quicker and safer with scripting. Everything here also works without
// it: the add and remove buttons are submit buttons the server answers, and every step is a page.
// This file saves round trips, keeps a draft in the tab and moves the keyboard helpfully.
// No inline script, no eval.
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

  function addRow(repeat, quiet) {
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
    if (row) row.querySelectorAll(".repeat").forEach(keepBlankRow);
    if (quiet) return true;
    refreshReferences();
    var first = row && row.querySelector("input, select, textarea");
    if (first) first.focus();
    announce(capitalised(repeat.dataset.item) + " " + position + " added.");
    return true;
  }

  // A blank row waits at the end of every list, as in a spreadsheet: typing into it adds the
  // next, so nobody presses "Add" (blank rows are left out of the case).
  function keepBlankRow(repeat) {
    if (repeat.closest("template") || !repeat.querySelector(":scope > button.add")) return;
    var rows = rowsOf(repeat);
    if (!rows.length || hasContent(rows[rows.length - 1])) addRow(repeat, true);
  }

  function hasContent(row) {
    var typed = Array.prototype.some.call(row.querySelectorAll("input[type=text], input[type=email], input[type=url], textarea"),
      function (el) { return el.value.trim() !== ""; });
    return typed || Array.prototype.some.call(row.querySelectorAll("select"), function (select) {
      var initial = Array.prototype.find.call(select.options, function (o) { return o.defaultSelected; }) || select.options[0];
      return initial && select.value !== initial.value;
    });
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
      // Rows of another step are not on this page: the server's list of them stands.
      if (!form.querySelector("[name^='" + part + ".']")) return;
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

  form.querySelectorAll(".repeat").forEach(keepBlankRow);
  function keepBlankRows(event) {
    var repeat = event.target.closest && event.target.closest(".repeat");
    while (repeat) {
      keepBlankRow(repeat);
      repeat = repeat.parentElement && repeat.parentElement.closest(".repeat");
    }
  }
  form.addEventListener("input", keepBlankRows);
  form.addEventListener("change", keepBlankRows);

  var pending = null;
  form.addEventListener("input", function (event) {
    if (!event.target.name || !REFERENCE.test(event.target.name)) return;
    window.clearTimeout(pending);
    pending = window.setTimeout(refreshReferences, 300);
  });

  // A choice that implies a sibling's usual value writes it in (an instrument its article), unless
  // something else was typed there.
  form.addEventListener("change", function (event) {
    var select = event.target;
    if (select.tagName !== "SELECT" || !select.dataset.suggestsFor) return;
    var target = form.elements.namedItem(select.dataset.suggestsFor);
    if (!target || (target.value !== "" && target.value !== target.dataset.suggested)) return;
    var value = JSON.parse(select.dataset.suggests)[select.value] || "";
    target.value = value;
    target.dataset.suggested = value;
    keepDraft();
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

  // The list of steps is open beside the form on a wide screen, folded under it on a phone.
  var steps = document.querySelector("details.steps-list");
  if (steps && window.matchMedia("(min-width: 52rem)").matches) steps.open = true;

  // Enter in a picker (sources, countries) on a part of a suggestion chooses the suggestion and
  // stays, as in any list of suggestions; on a suggestion chosen, it moves on. (Where the browser
  // shows its own list, Enter on a highlighted line is the browser's and never reaches the page.)
  function chooseSuggestion(input) {
    var typed = input.value.trim().toLowerCase();
    if (!typed) return false;
    var options = Array.prototype.slice.call(input.list.options);
    function starts(option) { return option.value.toLowerCase().indexOf(typed) === 0; }
    function holds(option) { return (option.value + " " + option.textContent).toLowerCase().indexOf(typed) !== -1; }
    if (options.some(function (option) { return option.value.toLowerCase() === typed; })) return false;
    var match = options.filter(starts)[0] || options.filter(holds)[0];
    if (!match) return false;
    input.value = match.value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    announce("Chosen: " + (match.textContent || match.value) + ".");
    return true;
  }

  // Enter moves to the next field of the step, as in the interviews lawyers know, rather than
  // sending the page; on the last field it continues. In a text area it is a new line.
  form.addEventListener("keydown", function (event) {
    var input = event.target;
    if (event.key !== "Enter" || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
    if (input.tagName !== "INPUT" || /^(file|checkbox|radio|submit|button)$/.test(input.type)) return;
    event.preventDefault();
    if (input.list && chooseSuggestion(input)) return;
    var own = input.closest(".file-row");
    var button = own && own.querySelector("button[type=submit]");
    if (button) { button.click(); return; }
    var controls = Array.prototype.filter.call(
      form.querySelectorAll("input, select, textarea"),
      function (el) { return el.type !== "hidden" && el.type !== "file" && !el.closest("template") && el.offsetParent !== null; });
    var next = controls[controls.indexOf(input) + 1];
    if (next) next.focus();
    else form.querySelector(".step-buttons button.primary").click();
  });

  // The draft: what the tab holds of the case is kept in sessionStorage (this tab only, never
  // the server), so that a reload or a wrong click loses nothing. Leaving with changes that were
  // not saved to a file asks first; "Forget this case" clears it.
  var DRAFT = "docgen.draft";
  var UNSAVED = "docgen.unsaved";
  var storage = null;
  try { storage = window.sessionStorage; } catch (error) { storage = null; }
  var submitting = false;

  function currentPairs() {
    var pairs = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string" && name !== "csrf_token" && name !== "_action" &&
          name.indexOf("_cite.") !== 0 && name !== "_quick") pairs.push([name, value]);
    });
    return pairs;
  }
  function keepDraft() {
    if (!storage) return;
    try { storage.setItem(DRAFT, JSON.stringify(currentPairs())); } catch (error) { /* full: keep the last */ }
  }
  function forget() {
    if (!storage) return;
    storage.removeItem(DRAFT);
    storage.removeItem(UNSAVED);
  }
  function resume(pairs) {
    var carrier = document.createElement("form");
    carrier.method = "post";
    carrier.action = form.action;
    carrier.hidden = true;
    pairs.concat([["csrf_token", form.elements.namedItem("csrf_token").value], ["_action", "resume"]])
      .forEach(function (pair) {
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = pair[0];
        input.value = pair[1];
        carrier.appendChild(input);
      });
    document.body.appendChild(carrier);
    submitting = true;
    carrier.submit();
  }

  if (storage) {
    var saved = storage.getItem(DRAFT);
    if (form.dataset.fresh && saved) {
      var navigation = window.performance && performance.getEntriesByType &&
        performance.getEntriesByType("navigation")[0];
      if (navigation && navigation.type === "reload") {
        resume(JSON.parse(saved));
      } else {
        var banner = document.createElement("div");
        banner.className = "notice draft";
        banner.setAttribute("role", "status");
        var text = document.createElement("p");
        text.textContent = "This tab holds a case you were writing, not yet saved to a file.";
        var carry = document.createElement("button");
        carry.type = "button";
        carry.className = "primary";
        carry.textContent = "Continue that case";
        carry.addEventListener("click", function () { resume(JSON.parse(saved)); });
        var drop = document.createElement("button");
        drop.type = "button";
        drop.textContent = "Forget it";
        drop.addEventListener("click", function () { forget(); banner.remove(); });
        banner.appendChild(text);
        banner.appendChild(carry);
        banner.appendChild(document.createTextNode(" "));
        banner.appendChild(drop);
        form.insertBefore(banner, form.querySelector("h1").nextSibling);
      }
    } else {
      keepDraft();
      // A reload of this page asks for the draft, not to send the last step again.
      window.history.replaceState(null, "", window.location.pathname);
    }
  }

  form.addEventListener("input", function () {
    keepDraft();
    if (storage) storage.setItem(UNSAVED, "1");
  });
  form.addEventListener("change", keepDraft);
  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    var action = button ? button.value : "";
    if (action === "forget") {
      if (storage && storage.getItem(UNSAVED) &&
          !window.confirm("Forget this case? What is not saved to a file is lost.")) {
        event.preventDefault();
        return;
      }
      forget();
    } else if (action === "save") {
      if (storage) storage.removeItem(UNSAVED);
      return;  // a download: the page stays
    }
    keepDraft();
    submitting = true;
  });
  window.addEventListener("beforeunload", function (event) {
    if (submitting || !storage || !storage.getItem(UNSAVED)) return;
    event.preventDefault();
    event.returnValue = "";
  });
})();
