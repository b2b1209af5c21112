() => {
  // The web page's own behaviour, run once when Gradio has mounted the page
  // (assistant/web_assets.py hands this function to Gradio). Nothing here contacts a server.
  const root = document.documentElement;
  const PAGE_LANG = "zh-CN";
  const LARGE_TEXT_KEY = "regulatory-assistant.large-text";

  // The page is Chinese whatever the browser's language: Gradio sets <html lang> from the
  // browser, and a screen reader would read Chinese text with an English voice.
  const keepLang = () => { if (root.lang !== PAGE_LANG) root.lang = PAGE_LANG; };
  keepLang();
  new MutationObserver(keepLang).observe(root, { attributes: true, attributeFilter: ["lang"] });

  // One polite live region announces new answers, copies, feedback and link problems.
  const live = document.createElement("div");
  live.id = "announce";
  live.className = "sr-only";
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  live.setAttribute("aria-atomic", "true");
  (document.querySelector("main") || document.body).appendChild(live);
  let pending = null;
  const announce = (text) => {
    live.textContent = "";  // cleared first, so the same words are announced again
    clearTimeout(pending);
    pending = setTimeout(() => { live.textContent = text; }, 100);
  };

  // Gradio's own chat markup: a log region with an English name that would announce the whole
  // message source (our region announces instead), and messages labelled with their Markdown.
  const fixChatMarkup = () => {
    document.querySelectorAll("#chat [role=log]").forEach((log) => {
      if (log.getAttribute("aria-label") !== "对话记录") log.setAttribute("aria-label", "对话记录");
      if (log.getAttribute("aria-live") !== "off") log.setAttribute("aria-live", "off");
    });
    document.querySelectorAll("#chat [data-testid=bot][aria-label], #chat [data-testid=user][aria-label]")
      .forEach((message) => message.removeAttribute("aria-label"));
  };

  // A new answer: its lead line and quotes (not the sources' full text, not the buttons).
  const spoken = (message) => {
    const copy = message.cloneNode(true);
    copy.querySelectorAll("details, .answer-actions").forEach((node) => node.remove());
    return copy.textContent.replace(/\s+/g, " ").trim();
  };
  let answered = document.querySelectorAll("#chat [data-testid=bot]").length;
  let settle = null;
  const watchAnswers = () => {
    clearTimeout(settle);
    settle = setTimeout(() => {
      const answers = document.querySelectorAll("#chat [data-testid=bot]");
      if (answers.length > answered) announce("新回答：" + spoken(answers[answers.length - 1]));
      answered = answers.length;
    }, 150);
  };
  const watchStatus = (selector) => {  // a Markdown message's text, not its loading indicator
    let last = "";
    return () => {
      const node = document.querySelector(selector + " .prose");
      const text = node ? node.textContent.trim() : "";
      if (text && text !== last) announce(text);
      last = text;
    };
  };
  const statusWatchers = ["#feedback-status", "#link-status"].map(watchStatus);

  // 大字: a toggle button, remembered by this browser.
  const remembered = () => { try { return localStorage.getItem(LARGE_TEXT_KEY) === "1"; } catch { return false; } };
  const showLargeText = () => {  // Gradio may re-render the button: keep its state in step
    const button = document.getElementById("large-text");
    const on = String(root.classList.contains("large-text"));
    if (button && button.getAttribute("aria-pressed") !== on) button.setAttribute("aria-pressed", on);
  };
  const setLargeText = (on) => { root.classList.toggle("large-text", on); showLargeText(); };
  setLargeText(remembered());

  new MutationObserver(() => {
    fixChatMarkup();
    showLargeText();
    watchAnswers();
    statusWatchers.forEach((watch) => watch());
  }).observe(document.body, { childList: true, subtree: true, characterData: true,
                              attributes: true, attributeFilter: ["aria-label", "aria-live", "aria-pressed"] });
  fixChatMarkup();

  // Copy to the clipboard; where the Clipboard API is unavailable (plain http off localhost),
  // through a selected, off-screen text area.
  const copyText = async (text) => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.left = "-10000px";
      document.body.appendChild(area);
      area.select();
      let done = false;
      try { done = document.execCommand("copy"); } catch { done = false; }
      area.remove();
      return done;
    }
  };
  const copyAction = async (button) => {
    const box = button.closest(".answer-actions");
    const isLink = button.classList.contains("copy-link");
    const text = isLink
      ? new URL(box.querySelector(".share-query").textContent, location.href).href
      : Array.from(box.querySelectorAll(".citation-text"), (node) => node.textContent).join("\n");
    const done = await copyText(text);
    const label = button.textContent;
    announce(done ? (isLink ? "链接已复制" : "引文已复制") : "无法复制，请选中文字后手动复制");
    if (done && !button.dataset.label) {
      button.dataset.label = label;
      button.textContent = "已复制";
      setTimeout(() => { button.textContent = button.dataset.label; delete button.dataset.label; }, 2000);
    }
  };

  const openHashLink = () => { const go = document.getElementById("link-go"); if (go) go.click(); };
  const print = (what) => { root.dataset.print = what; window.print(); };
  window.addEventListener("afterprint", () => { delete root.dataset.print; });
  window.addEventListener("hashchange", openHashLink);

  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const copy = target.closest(".answer-actions button");
    if (copy) { event.preventDefault(); copyAction(copy); return; }
    if (target.closest("#large-text")) {
      const on = !root.classList.contains("large-text");
      setLargeText(on);
      try { localStorage.setItem(LARGE_TEXT_KEY, on ? "1" : "0"); } catch { /* not remembered */ }
      announce(on ? "大字已开启" : "大字已关闭");
      return;
    }
    if (target.closest("#print-article")) { print("article"); return; }
    if (target.closest("#print-all")) { print("all"); return; }
    const skip = target.closest("a.skip-link");
    if (skip) {
      event.preventDefault();
      const box = document.querySelector("#question textarea");
      if (box) box.focus();
      return;
    }
    // Links to articles inside the page (#第八条) open in the article browser, in this tab.
    const link = target.closest("a[href^='#']");
    if (link && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      event.preventDefault();
      const hash = link.getAttribute("href");
      if (location.hash === encodeURI(hash) || location.hash === hash) openHashLink();
      else location.hash = hash;
    }
  }, true);

  // After an in-page article link: focus the article's heading (the link's tab is now hidden).
  const focusArticle = () => requestAnimationFrame(() => {
    const heading = document.querySelector("#article-view h2");
    if (!heading || !heading.offsetParent) return;
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  });

  window.regulatoryAssistant = { announce, focusArticle };
}
