// The result page's previews: each is rendered by the server only when its <details> is opened,
// then shown in the page's sandboxed frame. Without scripting, the button inside opens the same
// preview as a page of its own. No inline script, no eval.
"use strict";

(function () {
  var carrier = document.getElementById("case-carrier");
  if (!carrier || !window.fetch || !window.FormData) return;

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
})();
