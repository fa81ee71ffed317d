// The result page's previews: each is rendered by the server only when its <details> is opened,
// then shown in the page's sandboxed frame. Without scripting, the button inside opens the same
// preview as a page of its own. No inline script, no eval.
"use strict";

(function () {
  var carrier = document.getElementById("case-carrier");
  if (!carrier) return;
  keepLanguages(carrier);
  if (!window.fetch || !window.FormData) return;

  document.querySelectorAll("details.preview").forEach(function (details) {
    var frame = details.querySelector("iframe.preview");
    var button = details.querySelector("button[name='kind']");
    var asked = false;
    // The document's language, chosen beside it: another choice asks for the preview again.
    var language = details.closest("section").querySelector("select[name^='language.']");
    if (language) {
      language.addEventListener("change", function () {
        asked = false;
        frame.hidden = true;
        if (details.open) show();
      });
    }
    details.addEventListener("toggle", show);
    function show() {
      if (!details.open || asked) return;
      asked = true;
      var sent = new FormData(carrier);
      // The annex PDFs chosen for the bundle (sent with this form too) go with the bundle only.
      Array.prototype.forEach.call(carrier.elements, function (field) {
        if (field.type === "file") sent.delete(field.name);
      });
      sent.append("kind", button.value);
      fetch(button.formAction, { method: "POST", body: sent, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("preview " + response.status);
          return response.text();
        })
        .then(function (page) {
          frame.srcdoc = page;
          frame.hidden = false;
        })
        .catch(function () { asked = false; });  // the button still opens it; opening again retries
    }
  });

  // The language chosen beside each document outlives a trip back to edit the case: kept in this
  // tab's sessionStorage (never the server), under a hash of the complainants' names, so that
  // another case does not inherit it.
  function keepLanguages(carrier) {
    var storage = null;
    try { storage = window.sessionStorage; } catch (error) { return; }
    if (!storage) return;
    var key = "docgen.languages." + hash(names(carrier.elements.namedItem("_case").value));
    var kept = {};
    try { kept = JSON.parse(storage.getItem(key) || "{}") || {}; } catch (error) { kept = {}; }
    document.querySelectorAll("select[name^='language.']").forEach(function (select) {
      var chosen = kept[select.name];
      if (chosen && Array.prototype.some.call(select.options, function (o) { return o.value === chosen; })) {
        select.value = chosen;
      }
      select.addEventListener("change", function () {
        kept[select.name] = select.value;
        try { storage.setItem(key, JSON.stringify(kept)); } catch (error) { /* full: not kept */ }
      });
    });
  }
  function names(caseJson) {
    try {
      return JSON.stringify((JSON.parse(caseJson).complainants || []).map(function (person) {
        return person.legal_name;
      }));
    } catch (error) { return ""; }
  }
  function hash(text) {
    var h = 0;
    for (var i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
    return (h >>> 0).toString(36);
  }
})();
