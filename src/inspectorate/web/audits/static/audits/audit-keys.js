/* Single-key shortcuts for an audit record (listed on the page). The page works without them:
   they only choose radios, move the focus, follow the Previous / Next links and submit the form.
   Leaving a record with answers not saved asks first: [ and ] with confirm(), anything else
   (links, reload, closing the tab) with the browser's own beforeunload prompt; never once the
   form is being saved. */
(function () {
  "use strict";

  var ANSWERS = { y: "yes", n: "no", a: "n/a" };
  var form = document.getElementById("decision-form");
  var questions = form ? Array.prototype.slice.call(form.querySelectorAll(".app-cdi-question")) : [];
  var save = document.getElementById("save-next");
  var submitting = false;
  var leaving = false; // the person already said yes to leaving

  function hasUnsavedChanges() {
    if (!form || submitting) return false;
    // Answers shown again after a refused save were never stored, though the page starts with them.
    if (form.dataset.unsaved === "true") return true;
    return Array.prototype.some.call(form.elements, function (element) {
      if (element.type === "radio" || element.type === "checkbox") return element.checked !== element.defaultChecked;
      if (element.tagName === "TEXTAREA" || (element.tagName === "INPUT" && element.type !== "hidden")) {
        return element.value !== element.defaultValue;
      }
      return false;
    });
  }

  if (form) {
    form.addEventListener("submit", function () {
      submitting = true;
    });
    window.addEventListener("beforeunload", function (event) {
      if (leaving || !hasUnsavedChanges()) return;
      event.preventDefault();
      event.returnValue = ""; // older browsers need it set to show their prompt
    });
  }

  function isTyping(element) {
    if (!element) return false;
    if (element.isContentEditable || element.tagName === "TEXTAREA" || element.tagName === "SELECT") return true;
    return element.tagName === "INPUT" && !/^(radio|checkbox|button|submit|reset)$/.test(element.type);
  }

  function focusQuestion(fieldset) {
    var radio = fieldset.querySelector("input[type=radio]:checked") || fieldset.querySelector("input[type=radio]");
    if (radio) radio.focus();
  }

  function currentQuestion() {
    var focused = document.activeElement;
    var fieldset = focused && focused.closest ? focused.closest(".app-cdi-question") : null;
    if (fieldset) return fieldset;
    for (var i = 0; i < questions.length; i++) {
      if (!questions[i].querySelector("input[type=radio]:checked")) return questions[i];
    }
    return null;
  }

  function answer(value) {
    var fieldset = currentQuestion();
    if (!fieldset) return false;
    var radio = fieldset.querySelector('input[type=radio][value="' + value + '"]');
    if (!radio) return false; // e.g. n/a where the question must be yes or no
    radio.checked = true;
    radio.dispatchEvent(new Event("change", { bubbles: true }));
    var following = questions[questions.indexOf(fieldset) + 1];
    if (following) focusQuestion(following);
    else if (save) save.focus();
    return true;
  }

  function follow(rel) {
    var link = document.querySelector("nav.app-record-nav a[rel=" + rel + "]");
    if (!link) return;
    if (hasUnsavedChanges()) {
      if (!window.confirm("Leave this record without saving your answers?")) return;
      leaving = true;
    }
    window.location.assign(link.href);
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (isTyping(target)) {
      if (event.key === "Escape" && save) save.focus();
      return;
    }
    var key = event.key;
    var handled = false;
    if (key === "[") {
      follow("prev");
      handled = true;
    } else if (key === "]") {
      follow("next");
      handled = true;
    } else if (form && /^[1-9]$/.test(key) && questions[Number(key) - 1]) {
      focusQuestion(questions[Number(key) - 1]);
      handled = true;
    } else if (form && Object.prototype.hasOwnProperty.call(ANSWERS, key.toLowerCase())) {
      handled = answer(ANSWERS[key.toLowerCase()]);
    } else if (form && key === "Enter" && target.tagName !== "A" && target.tagName !== "BUTTON" && target.tagName !== "SUMMARY") {
      if (form.requestSubmit) form.requestSubmit(save || undefined);
      else if (save) save.click();
      else {
        submitting = true; // form.submit() fires no submit event
        form.submit();
      }
      handled = true;
    }
    if (handled) event.preventDefault();
  });
})();
