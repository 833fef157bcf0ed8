/* Skip logic and keyboard use for one case of a case-file review.

   1. The evaluator. The server parses each `relevant` expression of the template into a JSON tree
      (core/casereview/expressions.py) and this file evaluates that very tree with the same rules:
      - an unanswered question, or one hidden by skip logic, is the empty text '';
      - `=` and `!=` compare as numbers when one side is a number, else as text (as truth when one
        side is a boolean);
      - `<`, `<=`, `>`, `>=` compare dates (YYYY-MM-DD) as text and everything else as numbers;
      - a value is true when it is a true boolean, a number other than 0, or text that is not empty.
      Text becomes a number as Python's float() reads it, and a number text as Python's str() writes
      it, so that the two sides agree on every answer (tests/browser/test_browser_reviews.py runs the
      Python tests' cases here). window.reviewLogic.evaluate(tree, answers, current, todayIso).

   2. The form. Each question and section carries its tree in data-relevant. On every change the
      questions are read in order, as core/casereview/answers.py reads them: one is shown when its
      section's and its own expressions hold for the answers kept so far, and a shown question's
      answer is kept. A hidden question is hidden and its inputs disabled, so that it is not sent
      (the server drops it anyway). Unlike the server, an answer is kept here before its type and
      check are verified: the server refuses a wrong one with its message.

   3. Keys (listed on the page). y, n, a answer yes, no or not applicable; 1 to 9 pick that choice;
      both act on the question with the focus, or else the first shown one unanswered, then move on.
      Enter saves as complete, d saves a draft, [ and ] go to the previous and next case. Nothing
      happens while typing in a field; Esc leaves it. Leaving with answers not saved asks first. */
(function () {
  "use strict";

  // ---- 1. The evaluator -------------------------------------------------------------------------

  // What Python's str.isspace() calls white space: strip() and split() use it.
  var SPACE = "\\t\\n\\u000b\\f\\r\\u001c-\\u001f \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var EDGES = new RegExp("^[" + SPACE + "]+|[" + SPACE + "]+$", "g");
  var RUNS = new RegExp("[" + SPACE + "]+");
  var DIGIT = /\p{Nd}/u;
  // Python's re matches \d with any decimal digit and lets $ match before a final newline.
  var ISO_DATE = /^\p{Nd}{4}-\p{Nd}{2}-\p{Nd}{2}\n?$/u;
  var FLOAT = /^[+-]?(?:(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?)$/;
  var SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

  function strip(text) {
    return text.replace(EDGES, "");
  }

  function split(text) {
    return text.split(RUNS).filter(function (part) { return part !== ""; });
  }

  function asciiDigits(text) {
    // Any decimal digit (Arabic-Indic, Devanagari...) counts as Python's float() counts it: its
    // value is its distance from the start of its run of digits, as every run is whole tens.
    return Array.from(text).map(function (ch) {
      if (ch >= "0" && ch <= "9" || !DIGIT.test(ch)) return ch;
      var code = ch.codePointAt(0);
      var start = code;
      while (DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
      return String((code - start) % 10);
    }).join("");
  }

  function truth(value) {
    if (typeof value === "boolean") return value;
    if (typeof value === "number") return value !== 0 && !Number.isNaN(value);
    return value !== "";
  }

  function number(value) {
    if (typeof value === "boolean") return value ? 1 : 0;
    if (typeof value === "number") return value;
    var text = asciiDigits(strip(value));
    var special = SPECIAL.exec(text);
    if (special) {
      if (special[2].toLowerCase() === "nan") return NaN;
      return special[1] === "-" ? -Infinity : Infinity;
    }
    return FLOAT.test(text) ? Number(text.replace(/_/g, "")) : NaN;
  }

  function text(value) {
    if (typeof value === "boolean") return value ? "true" : "false";
    if (typeof value === "string") return value;
    if (Number.isNaN(value)) return "nan";
    if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
    if (Number.isInteger(value)) return BigInt(value).toString();
    // Python writes below 1e-4 with an exponent of at least two digits: 1e-05, 2.5e-07.
    if (Math.abs(value) < 1e-4) return value.toExponential().replace(/e([+-])(\d)$/, "e$10$2");
    return String(value);
  }

  function codePointCompare(a, b) {
    var left = Array.from(a), right = Array.from(b);
    for (var i = 0; i < Math.min(left.length, right.length); i++) {
      var diff = left[i].codePointAt(0) - right[i].codePointAt(0);
      if (diff !== 0) return diff;
    }
    return left.length - right.length;
  }

  function compare(op, left, right) {
    if (op === "=" || op === "!=") {
      var same;
      if (typeof left === "boolean" || typeof right === "boolean") same = truth(left) === truth(right);
      else if (typeof left === "number" || typeof right === "number") same = number(left) === number(right);
      else same = left === right;
      return op === "=" ? same : !same;
    }
    var order;
    if (typeof left === "string" && typeof right === "string" && ISO_DATE.test(left) && ISO_DATE.test(right)) {
      order = codePointCompare(left, right);
    } else {
      var a = number(left), b = number(right);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      order = a < b ? -1 : a > b ? 1 : 0;
    }
    if (op === "<") return order < 0;
    if (op === "<=") return order <= 0;
    if (op === ">") return order > 0;
    return order >= 0;
  }

  var CALLS = {
    "not": function (args) { return !truth(args[0]); },
    "selected": function (args) { return split(text(args[0])).indexOf(text(args[1])) >= 0; },
    "count-selected": function (args) { return split(text(args[0])).length; },
    "string-length": function (args) { return Array.from(text(args[0])).length; },
    "today": function (args, today) { return today; },
    "true": function () { return true; },
    "false": function () { return false; }
  };

  function value(tree, answers, current, today) {
    switch (tree[0]) {
      case "ref": return Object.prototype.hasOwnProperty.call(answers, tree[1]) ? answers[tree[1]] : "";
      case "cur": return current;
      case "lit": return tree[1];
      case "and": return truth(value(tree[1], answers, current, today)) && truth(value(tree[2], answers, current, today));
      case "or": return truth(value(tree[1], answers, current, today)) || truth(value(tree[2], answers, current, today));
      case "cmp": return compare(tree[1], value(tree[2], answers, current, today), value(tree[3], answers, current, today));
      case "call":
        var args = tree.slice(2).map(function (argument) { return value(argument, answers, current, today); });
        return CALLS[tree[1]](args, today);
    }
    throw new Error("not an expression tree: " + JSON.stringify(tree));
  }

  function localToday() {
    var now = new Date();
    var pad = function (n) { return String(n).padStart(2, "0"); };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  /* Whether the expression tree holds for these answers (question name -> text). */
  function evaluate(tree, answers, current, todayIso) {
    return truth(value(tree, answers || {}, current || "", todayIso || localToday()));
  }

  window.reviewLogic = { evaluate: evaluate, truth: truth, number: number, text: text };

  // ---- 2. The form ------------------------------------------------------------------------------

  var form = document.getElementById("answers-form");
  if (!form) return;
  var today = form.dataset.today || localToday();
  var questions = Array.prototype.slice.call(form.querySelectorAll(".app-review-question"));
  var trees = new Map();

  function treeOf(element) {
    if (!trees.has(element)) trees.set(element, element.dataset.relevant ? JSON.parse(element.dataset.relevant) : null);
    return trees.get(element);
  }

  function answerOf(question) {
    var type = question.dataset.type;
    if (type === "select_one" || type === "select_multiple") {
      var picked = Array.prototype.filter.call(question.querySelectorAll("input"), function (input) { return input.checked; });
      return picked.map(function (input) { return input.value; }).join(" ");
    }
    var field = question.querySelector("input, textarea");
    if (!field) return ""; // a note
    return type === "text" ? strip(field.value) : split(field.value).join(" ");
  }

  function show(element, shown) {
    element.hidden = !shown;
    Array.prototype.forEach.call(element.querySelectorAll("input, textarea, select"), function (input) {
      input.disabled = !shown;
    });
  }

  function refresh() {
    var kept = {};
    var sections = new Map();
    questions.forEach(function (question) {
      var section = question.closest(".app-review-section");
      if (section && !sections.has(section)) {
        // A section's expression names only questions before it, so it is read once, on entering it.
        var open = !treeOf(section) || evaluate(treeOf(section), kept, "", today);
        sections.set(section, open);
        section.hidden = !open;
      }
      var own = treeOf(question);
      var shown = (!section || sections.get(section)) && (!own || evaluate(own, kept, "", today));
      show(question, shown);
      if (shown) {
        var answer = answerOf(question);
        if (answer !== "") kept[question.dataset.question] = answer;
      }
    });
  }

  form.addEventListener("change", refresh);
  form.addEventListener("input", refresh);
  refresh();

  // ---- 3. Keys ----------------------------------------------------------------------------------

  var ANSWERS = { y: "yes", n: "no", a: "na" };
  var submitting = false;
  var leaving = false;
  var complete = document.getElementById("save-complete");
  var draft = document.getElementById("save-draft");

  function hasUnsavedChanges() {
    if (submitting) return false;
    if (form.dataset.unsaved === "true") return true; // answers shown again after a refused save
    return Array.prototype.some.call(form.elements, function (element) {
      if (element.type === "radio" || element.type === "checkbox") return element.checked !== element.defaultChecked;
      if (element.tagName === "TEXTAREA" || (element.tagName === "INPUT" && element.type !== "hidden")) {
        return element.value !== element.defaultValue;
      }
      return false;
    });
  }

  form.addEventListener("submit", function () { submitting = true; });
  window.addEventListener("beforeunload", function (event) {
    if (leaving || !hasUnsavedChanges()) return;
    event.preventDefault();
    event.returnValue = "";
  });

  function isTyping(element) {
    if (!element) return false;
    if (element.isContentEditable || element.tagName === "TEXTAREA" || element.tagName === "SELECT") return true;
    return element.tagName === "INPUT" && !/^(radio|checkbox|button|submit|reset)$/.test(element.type);
  }

  function choices(question) {
    return Array.prototype.slice.call(question.querySelectorAll("input[type=radio], input[type=checkbox]"));
  }

  function focusQuestion(question) {
    var inputs = question.querySelectorAll("input, textarea");
    var checked = question.querySelector("input:checked");
    (checked || inputs[0]).focus();
  }

  function shownQuestions() {
    return questions.filter(function (question) {
      return !question.hidden && !question.closest(".app-review-section[hidden]") && question.querySelector("input, textarea");
    });
  }

  function currentQuestion() {
    var focused = document.activeElement;
    var question = focused && focused.closest ? focused.closest(".app-review-question") : null;
    if (question && choices(question).length) return question;
    return shownQuestions().filter(function (candidate) {
      return choices(candidate).length && !candidate.querySelector("input:checked");
    })[0] || null;
  }

  function moveOn(question) {
    if (question.dataset.type === "select_multiple") return; // more than one may be picked
    var shown = shownQuestions(); // the answer may have shown or hidden the questions after it
    var following = shown[shown.indexOf(question) + 1];
    if (following) focusQuestion(following);
    else if (complete) complete.focus();
  }

  function pick(input) {
    var question = input.closest(".app-review-question");
    if (input.type === "checkbox") input.checked = !input.checked;
    else input.checked = true;
    input.dispatchEvent(new Event("change", { bubbles: true }));
    moveOn(question);
    return true;
  }

  function answerKey(key) {
    var question = currentQuestion();
    if (!question) return false;
    var inputs = choices(question);
    if (/^[1-9]$/.test(key)) {
      var input = inputs[Number(key) - 1];
      return input ? pick(input) : false;
    }
    var wanted = inputs.filter(function (candidate) { return candidate.value === ANSWERS[key]; })[0];
    return wanted ? pick(wanted) : false; // e.g. "a" where a question has no "not applicable"
  }

  function follow(rel) {
    var link = document.querySelector("nav.app-record-nav a[rel=" + rel + "]");
    if (!link) return;
    if (hasUnsavedChanges()) {
      if (!window.confirm("Leave this case without saving your answers?")) return;
      leaving = true;
    }
    window.location.assign(link.href);
  }

  function submitWith(button) {
    if (!button) return;
    if (form.requestSubmit) form.requestSubmit(button);
    else button.click();
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (isTyping(target)) {
      if (event.key === "Escape" && complete) complete.focus();
      return;
    }
    var key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    var handled = false;
    if (key === "[" || key === "]") {
      follow(key === "[" ? "prev" : "next");
      handled = true;
    } else if (/^[1-9]$/.test(key) || Object.prototype.hasOwnProperty.call(ANSWERS, key)) {
      handled = answerKey(key);
    } else if (key === "d") {
      submitWith(draft);
      handled = true;
    } else if (key === "Enter" && !/^(A|BUTTON|SUMMARY)$/.test(target.tagName)) {
      submitWith(complete);
      handled = true;
    }
    if (handled) event.preventDefault();
  });
})();
