// Make a claim from words selected in an article: the desk's source page and the admin's
// source form. An element with data-select-claim="<claim form URL>" holds the article text;
// this script adds a button after it that opens the claim form with the selection's
// character offsets (and words) filled in. Text inside [data-skip] (claim numbers) is not
// article text. Without this script, the typed-words form next to the article does the job.
(function () {
  "use strict";

  function withoutSkipped(fragment) {
    fragment.querySelectorAll("[data-skip]").forEach(function (el) { el.remove(); });
    return fragment.textContent;
  }

  function offsetIn(root, node, offset) {
    var range = document.createRange();
    range.setStart(root, 0);
    range.setEnd(node, offset);
    return withoutSkipped(range.cloneContents()).length;
  }

  function setUp(root) {
    var last = null;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "select-claim";
    button.textContent = "Make a claim from the selected words";
    var status = document.createElement("p");
    status.className = "help";
    status.setAttribute("role", "status");
    root.insertAdjacentElement("afterend", status);
    root.insertAdjacentElement("afterend", button);

    // Clicking the button may move the selection: remember the last one inside the article.
    document.addEventListener("selectionchange", function () {
      var selection = window.getSelection();
      if (!selection.rangeCount || selection.isCollapsed) return;
      var range = selection.getRangeAt(0);
      if (root.contains(range.startContainer) && root.contains(range.endContainer)) {
        last = range.cloneRange();
      }
    });

    button.addEventListener("click", function () {
      if (!last) {
        status.textContent = "Select words in the article first (with the mouse, or Shift " +
          "and the arrow keys after pressing F7).";
        return;
      }
      var start = offsetIn(root, last.startContainer, last.startOffset);
      var end = offsetIn(root, last.endContainer, last.endOffset);
      var text = withoutSkipped(root.cloneNode(true)).slice(start, end);
      var url = new URL(root.dataset.selectClaim, window.location.href);
      url.searchParams.set(root.dataset.startName || "start", start);
      url.searchParams.set(root.dataset.endName || "end", end);
      if (root.dataset.textName) url.searchParams.set(root.dataset.textName, text.trim());
      window.location.assign(url.toString());
    });
  }

  document.querySelectorAll("[data-select-claim]").forEach(setUp);
})();
