// The editor's desk: checks the draft as the editor types (the last request
// wins), shows the report's parts rendered by the server, and makes the edits
// the cards offer. Text from the draft or the reference is only ever set as
// text (textContent, input values); the report's parts come escaped from the
// server's templates.
(function () {
  "use strict";
  var DEBOUNCE_MS = 250;
  var STORE_KEY = "factcheck-desk-draft";
  var draft = document.getElementById("draft");
  var asOf = document.getElementById("as-of");
  var status = document.getElementById("status");
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var state = { name: "draft.md", timer: null, sequence: 0, controller: null, checkedText: null, filter: "" };

  function setStatus(text, kind) {
    status.textContent = text;
    status.className = "status" + (kind ? " " + kind : "");
  }

  function body(extra) {
    var payload = { text: draft.value, as_of: asOf.value || null, name: state.name };
    Object.keys(extra || {}).forEach(function (key) { payload[key] = extra[key]; });
    return JSON.stringify(payload);
  }

  function post(path, payload, signal, headers) {
    var all = { "Content-Type": "application/json" };
    Object.keys(headers || {}).forEach(function (key) { all[key] = headers[key]; });
    return fetch(path, { method: "POST", headers: all, body: payload, signal: signal, credentials: "same-origin" });
  }

  function errorOf(response) {
    return response.json().then(function (answer) { return answer.error || ("HTTP " + response.status); },
      function () { return "HTTP " + response.status; });
  }

  // Checking.

  function schedule() {
    try { localStorage.setItem(STORE_KEY, draft.value); } catch (e) { /* private mode: nothing kept */ }
    clearTimeout(state.timer);
    state.timer = setTimeout(checkNow, DEBOUNCE_MS);
  }

  function checkNow() {
    clearTimeout(state.timer);
    if (state.controller) { state.controller.abort(); }
    if (!draft.value.trim()) { showEmpty(); return Promise.resolve(); }
    var sequence = ++state.sequence;
    var controller = new AbortController();
    state.controller = controller;
    var text = draft.value;
    setStatus("checking…");
    return post("/api/report", body(), controller.signal).then(function (response) {
      if (!response.ok) { return errorOf(response).then(function (message) { throw new Error(message); }); }
      return response.json();
    }).then(function (answer) {
      if (sequence !== state.sequence) { return; }  // a later check is on its way
      show(answer, text);
    }).catch(function (error) {
      if (error.name === "AbortError" || sequence !== state.sequence) { return; }
      setStatus(error.message, "error");
    });
  }

  function showEmpty() {
    state.sequence++;
    state.checkedText = null;
    ["summary-slot", "article-slot", "findings-slot"].forEach(function (id) { document.getElementById(id).replaceChildren(); });
    setStatus("Nothing to check yet.");
  }

  function show(answer, text) {
    state.checkedText = text;
    document.getElementById("summary-slot").innerHTML = answer.html.summary;
    document.getElementById("article-slot").innerHTML = answer.html.article;
    document.getElementById("findings-slot").innerHTML = answer.html.findings;
    var report = answer.report;
    var blocking = answer.blocking;
    var when = report.document.as_of ? "as of " + report.document.as_of + " (" + report.document.as_of_source + ")" : "no article date found";
    setStatus(report.findings.length + " claims, " + (blocking ? blocking + " blocking" : "nothing blocking") +
      " · " + when + " · checked in " + answer.milliseconds + " ms", blocking ? "blocking" : "clean");
    if (state.filter && document.querySelector('.chip[data-verdict="' + state.filter + '"]')) {
      window.factcheckReport.filter(state.filter);
    } else {
      state.filter = "";
    }
  }

  // Edits the cards make. Offsets from the server count characters (code
  // points); JavaScript strings count UTF-16 units.

  function unitIndex(text, codePoints) {
    var index = 0;
    for (var n = 0; n < codePoints && index < text.length; n++) {
      var code = text.charCodeAt(index);
      index += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    }
    return index;
  }

  function replaceText(start, end, replacement, expected) {
    var text = draft.value;
    if (text !== state.checkedText) {
      setStatus("The draft changed since this report; wait for the new one and try again.", "error");
      checkNow();
      return false;
    }
    var from = unitIndex(text, start);
    var to = unitIndex(text, end);
    if (expected !== undefined && text.slice(from, to) !== expected) {
      setStatus("The words this card refers to are no longer there.", "error");
      return false;
    }
    draft.value = text.slice(0, from) + replacement + text.slice(to);
    draft.focus();
    draft.setSelectionRange(from, from + replacement.length);
    try { localStorage.setItem(STORE_KEY, draft.value); } catch (e) { /* nothing kept */ }
    checkNow();
    return true;
  }

  function suppressionComment(verdict, reason) {
    // A reason is quoted in the comment: no quotes, no end of comment inside it.
    var clean = reason.replace(/["]/g, "'").replace(/--+/g, "-").replace(/[<>]/g, "").trim();
    return " <!-- factcheck: ignore " + verdict + " \"" + clean + "\" -->";
  }

  document.addEventListener("click", function (event) {
    var apply = event.target.closest(".apply-suggestion");
    if (apply) {
      replaceText(Number(apply.dataset.start), Number(apply.dataset.end), apply.dataset.text, apply.dataset.expect);
      return;
    }
    var open = event.target.closest(".open-form");
    if (open) {
      var form = document.getElementById(open.getAttribute("aria-controls"));
      form.hidden = !form.hidden;
      if (!form.hidden) { var first = form.querySelector("input:not([value]), input[value=''], input"); if (first) { first.focus(); } }
      return;
    }
    var chip = event.target.closest(".chip[data-verdict]");
    if (chip) {
      // report.js has toggled it already; remember the choice for the next check.
      state.filter = chip.getAttribute("aria-pressed") === "true" ? chip.dataset.verdict : "";
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    event.preventDefault();
    if (form.classList.contains("suppress-form")) {
      var reason = form.elements.reason.value;
      if (!reason.trim()) { form.elements.reason.focus(); return; }
      var at = Number(form.dataset.at);
      replaceText(at, at, suppressionComment(form.dataset.verdict, reason));
    } else if (form.classList.contains("fact-form")) {
      addFact(form);
    }
  });

  function addFact(form) {
    var row = {};
    Array.prototype.forEach.call(form.elements, function (field) { if (field.name) { row[field.name] = field.value; } });
    var problems = form.querySelector(".problems");
    problems.replaceChildren();
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    post("/api/facts", body({ row: row }), undefined, { "X-CSRF-Token": csrf }).then(function (response) {
      return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; });
    }).then(function (result) {
      button.disabled = false;
      if (!result.ok) {
        (result.answer.problems || [result.answer.error]).forEach(function (problem) {
          var item = document.createElement("li");
          item.textContent = problem;
          problems.appendChild(item);
        });
        return;
      }
      var text = draft.value;
      if (result.answer.report) { show(result.answer, text); }
      setStatus("Added " + result.answer.fact.id + " to " + result.answer.folder + "/facts.csv. " + status.textContent, "clean");
    }).catch(function (error) {
      button.disabled = false;
      var item = document.createElement("li");
      item.textContent = error.message;
      problems.appendChild(item);
    });
  }

  // Files in and out: nothing is kept on the server.

  function open(file) {
    if (!file) { return; }
    // An HTML file is read as its article text, which the draft then is.
    state.name = file.name.replace(/\.html?$/i, ".txt");
    file.text().then(function (content) {
      if (!/\.html?$/i.test(file.name)) { return content; }
      return post("/api/extract", JSON.stringify({ name: file.name, content: content })).then(function (response) {
        if (!response.ok) { return errorOf(response).then(function (message) { throw new Error(message); }); }
        return response.json().then(function (answer) { return answer.text; });
      });
    }).then(function (text) {
      draft.value = text;
      schedule();
      checkNow();
    }).catch(function (error) { setStatus(file.name + ": " + error.message, "error"); });
  }

  function download(name, blob) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }

  document.getElementById("upload").addEventListener("change", function (event) { open(event.target.files[0]); event.target.value = ""; });
  draft.addEventListener("dragover", function (event) { event.preventDefault(); draft.classList.add("dragging"); });
  draft.addEventListener("dragleave", function () { draft.classList.remove("dragging"); });
  draft.addEventListener("drop", function (event) {
    draft.classList.remove("dragging");
    if (event.dataTransfer.files.length) { event.preventDefault(); open(event.dataTransfer.files[0]); }
  });
  document.getElementById("save-draft").addEventListener("click", function () {
    download(state.name, new Blob([draft.value], { type: "text/markdown;charset=utf-8" }));
  });
  document.getElementById("save-report").addEventListener("click", function () {
    if (!draft.value.trim()) { setStatus("Nothing to report yet.", "error"); return; }
    post("/api/page", body()).then(function (response) {
      if (!response.ok) { return errorOf(response).then(function (message) { throw new Error(message); }); }
      return response.blob();
    }).then(function (blob) {
      download(state.name.replace(/\.[^.]*$/, "") + ".html", blob);
    }).catch(function (error) { setStatus(error.message, "error"); });
  });

  draft.addEventListener("input", schedule);
  asOf.addEventListener("change", checkNow);
  draft.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); checkNow(); }
  });

  // The reference browser.

  var query = document.getElementById("entity-query");
  var results = document.getElementById("entity-results");
  var detail = document.getElementById("entity-detail");
  var options = document.getElementById("entity-options");
  var searchTimer = null;

  function getJSON(path) {
    return fetch(path, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { return errorOf(response).then(function (message) { throw new Error(message); }); }
      return response.json();
    });
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function search(text, into) {
    return getJSON("/api/entities?q=" + encodeURIComponent(text)).then(function (answer) { into(answer.entities); });
  }

  query.addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () {
      if (!query.value.trim()) { results.replaceChildren(); return; }
      search(query.value, function (entities) {
        results.replaceChildren();
        if (!entities.length) { results.appendChild(element("li", "No entity has a name like that.", "muted")); }
        entities.forEach(function (entity) {
          var item = element("li");
          var button = element("button", entity.label + " (" + entity.type + ")");
          button.type = "button";
          button.dataset.entity = entity.id;
          if (!entity.exact) { button.title = "closest name: " + entity.matched; }
          item.appendChild(button);
          results.appendChild(item);
        });
      }).catch(function (error) { results.replaceChildren(element("li", error.message, "problems")); });
    }, 200);
  });

  results.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-entity]");
    if (button) { showEntity(button.dataset.entity); }
  });

  function factRow(fact, subject) {
    var row = element("tr");
    if (subject !== undefined) { row.appendChild(element("td", subject)); }
    row.appendChild(element("td", fact.property.replace(/_/g, " ")));
    row.appendChild(element("td", fact.shown + (fact.status !== "established" ? " (" + fact.status + ")" : "")));
    var valid = fact.valid_from || fact.valid_to ? (fact.valid_from || "?") + " – " + (fact.valid_to || "now") : "";
    row.appendChild(element("td", valid));
    var source = element("td");
    if (/^https?:\/\//.test(fact.source_url)) {
      var link = element("a", fact.source_title || fact.source_url);
      link.href = fact.source_url;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      source.appendChild(link);
    } else {
      source.textContent = fact.source_title || fact.source_url;
    }
    source.appendChild(element("div", fact.id + (fact.note ? " · " + fact.note : ""), "muted"));
    row.appendChild(source);
    return row;
  }

  function table(headings, rows) {
    var node = element("table");
    var head = element("tr");
    headings.forEach(function (heading) { head.appendChild(element("th", heading)); });
    node.appendChild(head);
    rows.forEach(function (row) { node.appendChild(row); });
    return node;
  }

  function showEntity(id) {
    getJSON("/api/entities/" + encodeURIComponent(id)).then(function (answer) {
      var entity = answer.entity;
      detail.replaceChildren(
        element("h2", entity.label),
        element("div", entity.type + " · id " + entity.id, "muted")
      );
      if (entity.aliases.length) { detail.appendChild(element("div", "Also: " + entity.aliases.join(" | "))); }
      if (entity.description) { detail.appendChild(element("p", entity.description)); }
      if (answer.facts.length) {
        detail.appendChild(table(["property", "value", "valid", "source"], answer.facts.map(function (f) { return factRow(f); })));
      }
      if (answer.named_in.length) {
        detail.appendChild(element("h3", "Named in"));
        detail.appendChild(table(["subject", "property", "value", "valid", "source"],
          answer.named_in.map(function (f) { return factRow(f, f.subject_label); })));
      }
      if (!answer.facts.length && !answer.named_in.length) { detail.appendChild(element("p", "No facts yet.", "muted")); }
    }).catch(function (error) { detail.replaceChildren(element("p", error.message, "problems")); });
  }

  // Subjects in the new-fact forms: entity ids suggested as the editor types.
  document.addEventListener("input", function (event) {
    if (event.target.name !== "subject" || !event.target.closest(".fact-form")) { return; }
    var text = event.target.value;
    if (text.trim().length < 2) { return; }
    search(text, function (entities) {
      options.replaceChildren();
      entities.forEach(function (entity) {
        var option = element("option");
        option.value = entity.id;
        option.label = entity.label + " (" + entity.type + ")";
        options.appendChild(option);
      });
    }).catch(function () { /* suggestions only */ });
  });

  // Tabs.
  document.querySelectorAll('[role="tab"]').forEach(function (tab) {
    tab.addEventListener("click", function () {
      document.querySelectorAll('[role="tab"]').forEach(function (other) {
        var selected = other === tab;
        other.setAttribute("aria-selected", selected ? "true" : "false");
        document.getElementById(other.getAttribute("aria-controls")).hidden = !selected;
      });
      if (tab.id === "tab-reference-button") { query.focus(); }
    });
  });

  // A draft left in this browser (never on the server) comes back after a reload.
  var kept = null;
  try { kept = localStorage.getItem(STORE_KEY); } catch (e) { kept = null; }
  if (kept) { draft.value = kept; checkNow(); }
})();
