// The studio editor: as the author types, the server renders the unsaved text with the learners' pipeline
// and returns the checker's messages; messages name lines, and choosing one moves the cursor there.
(function () {
    const form = document.getElementById("studio-editor");
    if (!form) {
        return;
    }

    const text = form.querySelector("textarea[name=text]");
    const gutter = document.getElementById("editor-gutter");
    const messages = document.getElementById("checker-messages");
    const preview = document.getElementById("live-preview");
    let timer = null;
    let sent = 0;

    function drawGutter(markedLines) {
        const count = text.value.split("\n").length;
        const marks = new Set(markedLines);
        let lines = "";
        for (let i = 1; i <= count; i++) {
            lines += (marks.has(i) ? "!" : " ") + String(i).padStart(4, " ") + "\n";
        }
        gutter.textContent = lines;
        gutter.scrollTop = text.scrollTop;
    }

    function goToLine(line) {
        const lines = text.value.split("\n");
        let offset = 0;
        for (let i = 0; i < line - 1 && i < lines.length; i++) {
            offset += lines[i].length + 1;
        }
        text.focus();
        text.setSelectionRange(offset, offset + (lines[line - 1] || "").length);
        const lineHeight = text.scrollHeight / Math.max(lines.length, 1);
        text.scrollTop = Math.max(0, (line - 3) * lineHeight);
    }

    async function check() {
        const number = ++sent;
        const body = new FormData();
        body.append("text", text.value);
        body.append("__RequestVerificationToken", form.querySelector("input[name=__RequestVerificationToken]").value);
        try {
            const response = await fetch(form.dataset.checkUrl, { method: "POST", body: body, credentials: "same-origin" });
            if (!response.ok || number !== sent) {
                return;
            }
            const html = new DOMParser().parseFromString(await response.text(), "text/html");
            messages.replaceChildren(...html.querySelector("[data-part=messages]").childNodes);
            preview.replaceChildren(...html.querySelector("[data-part=preview]").childNodes);
            const marked = html.querySelector("[data-part=gutter-lines]").textContent.split(",").filter(Boolean).map(Number);
            drawGutter(marked);
        } catch {
            // Offline or the server is restarting: the next keystroke tries again; saving still works.
        }
    }

    text.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(check, 500);
        drawGutter([]);
    });
    text.addEventListener("scroll", function () { gutter.scrollTop = text.scrollTop; });
    messages.addEventListener("click", function (event) {
        const button = event.target.closest("[data-line]");
        if (button) {
            goToLine(Number(button.dataset.line));
        }
    });
    check();
})();
