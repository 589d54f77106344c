/* What the browser check measures in a page, as plain data. Added to every page before its
   own scripts run (it only defines window.__guideMeasure); checks/browser/visit.py calls
   __guideMeasure.at(emulation, parts) once per emulation of a visit. */
(() => {
  "use strict";
  const M = {};
  let parts = [];  /* [selector, template] pairs: which theme template renders an element */

  function selector(e) {
    if (e.id) return "#" + CSS.escape(e.id);
    const out = [];
    while (e && e.nodeType === 1 && out.length < 4) {
      let part = e.localName;
      if (e.classList.length) part += "." + [...e.classList].map(CSS.escape).join(".");
      const parent = e.parentElement;
      if (parent) {
        const same = [...parent.children].filter(c => c.localName === e.localName);
        if (same.length > 1) part += ":nth-of-type(" + (same.indexOf(e) + 1) + ")";
      }
      out.unshift(part);
      if (e.id) break;
      e = parent;
    }
    return out.join(" > ");
  }

  function describe(e) {
    const found = parts.find(([css]) => e.closest(css));
    return {selector: selector(e), html: e.outerHTML.slice(0, 200),
            text: (e.textContent || "").trim().slice(0, 80), part: found ? found[1] : ""};
  }

  function rendered(e) {
    return e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
  }

  function focusables() {
    const all = [...document.querySelectorAll(
      "a[href], button, input, select, textarea, summary, [tabindex], [contenteditable]")]
      .filter(e => e.tabIndex >= 0 && !e.disabled && !e.closest("[inert]") && rendered(e));
    /* Sequential order: positive tabindex first, in order, then the rest in document order. */
    const positive = all.filter(e => e.tabIndex > 0).sort((a, b) => a.tabIndex - b.tabIndex);
    return positive.concat(all.filter(e => e.tabIndex === 0));
  }

  function frame() {
    /* Resize handlers run before animation frame callbacks, ResizeObserver callbacks after
       them in the same frame: a task queued from the callback runs after both. */
    return new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
  }

  function reset() {
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
    window.scrollTo(0, 0);
  }

  /* The sticky or fixed box that holds an element, if any. */
  function pinned(e) {
    for (; e && e !== document.documentElement; e = e.parentElement) {
      const position = getComputedStyle(e).position;
      if (position === "sticky" || position === "fixed") return e;
    }
    return null;
  }

  /* Whether a focused element is hidden under a sticky or fixed box: every point across its
     middle is either off screen or covered by such a box that does not contain it. */
  function coveredBy(e) {
    const r = e.getBoundingClientRect();
    const y = r.top + r.height / 2;
    let cover = null;
    for (const f of [0.1, 0.5, 0.9]) {
      const x = r.left + r.width * f;
      const top = (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) ? null : document.elementFromPoint(x, y);
      if (top && (e.contains(top) || top.contains(e))) return null;
      const box = top && pinned(top);
      if (top && (!box || box.contains(e))) return null;
      cover = cover || box;
    }
    if (!cover) return "off screen";
    return cover.matches(".quick-exit") ? "the quick exit bar" : selector(cover);
  }

  /* Every box that stays put while the page scrolls, with its place on screen. */
  function pinnedBoxes() {
    const out = [];
    for (const e of document.body.querySelectorAll("*")) {
      const position = getComputedStyle(e).position;
      if ((position === "sticky" || position === "fixed") && !out.some(o => o.contains(e))) out.push(e);
    }
    return out;
  }

  /* What shows that an element has focus: its outline, shadow and background. */
  function ring(e) {
    const s = getComputedStyle(e);
    return {key: [s.outlineStyle, s.outlineWidth, s.boxShadow, s.backgroundColor].join("|"),
            drawn: (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none"};
  }

  /* Tab through the page one way, as the keyboard would (each element focused in turn and
     scrolled into view by the browser), and find each focused element hidden under a pinned
     box. With rings, the forward pass also finds each element whose focus does not show:
     the same focus moves, so one pass answers both. */
  M.obscured = (direction, rings) => {
    const items = focusables();
    const boxes = pinnedBoxes();
    if (direction === "backward") {
      items.reverse();
      window.scrollTo(0, document.documentElement.scrollHeight);
    } else {
      window.scrollTo(0, 0);
    }
    if (document.activeElement) document.activeElement.blur();
    const found = [], unseen = [];
    for (const e of items) {
      const before = rings ? ring(e).key : "";
      e.focus({focusVisible: true});
      if (document.activeElement !== e) {
        if (rings) unseen.push(describe(e));
        continue;
      }
      if (rings) {
        const after = ring(e);
        if (after.key === before || !after.drawn) unseen.push(describe(e));
      }
      /* Most elements touch no pinned box and are inside the screen: nothing can hide them. */
      const r = e.getBoundingClientRect();
      const inside = r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
      const touches = boxes.some(b => {
        if (b.contains(e)) return false;
        const o = b.getBoundingClientRect();
        return o.bottom > r.top && o.top < r.bottom && o.right > r.left && o.left < r.right;
      });
      if (inside && !touches) continue;
      const by = coveredBy(e);
      if (by) found.push({...describe(e), direction, by});
    }
    reset();
    return rings ? {found, unseen} : found;
  };

  M.bar = () => {
    const bar = document.querySelector(".quick-exit");
    if (!bar || !rendered(bar)) return null;
    const position = getComputedStyle(bar).position;
    return {height: Math.round(bar.getBoundingClientRect().height), viewport: innerHeight,
            pinned: position === "sticky" || position === "fixed"};
  };

  M.reflow = () => {
    const doc = document.documentElement;
    const clipped = [];
    for (const e of document.body.querySelectorAll("*")) {
      const s = getComputedStyle(e);
      const name = e.localName + "." + [...e.classList].join(".");
      if (s.overflowX !== "visible" && s.overflowX !== "clip" && e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0) clipped.push(name);
      if (s.overflowY === "hidden" && e.scrollHeight > e.clientHeight + 1 && e.clientHeight > 1) clipped.push(name + " (clipped)");
    }
    return {scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, clipped: clipped.slice(0, 5)};
  };

  function exitInView() {
    const link = document.querySelector("[data-quick-exit]");
    if (!link) return {present: false};
    const r = link.getBoundingClientRect();
    const inside = r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
    const top = inside ? document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) : null;
    return {present: true, inside, onTop: !!top && (top === link || link.contains(top))};
  }

  M.exitVisible = () => {
    window.scrollTo(0, 0);
    const top = exitInView();
    window.scrollTo(0, document.documentElement.scrollHeight);
    const bottom = exitInView();
    window.scrollTo(0, 0);
    return {top, bottom};
  };

  /* The words of an element, each with its box, font, and its letters' reach above and
     below the baseline as a whole. */
  function inkOfWords(element, ctx) {
    const words = [];
    const range = document.createRange();
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const s = getComputedStyle(node.parentElement);
      const font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
      ctx.font = font;
      for (const m of node.data.matchAll(/\S+/g)) {
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const r = range.getClientRects()[0];
        if (!r || !r.width) continue;
        const ink = ctx.measureText(m[0]);
        words.push({word: m[0], font, direction: s.direction, left: r.left, right: r.right,
                    baseline: r.bottom - ink.fontBoundingBoxDescent,
                    up: ink.actualBoundingBoxAscent, down: ink.actualBoundingBoxDescent});
      }
    }
    return words;
  }

  /* A word's ink, column by column: how far its letters reach above and below the baseline
     at each x of the page, drawn with the same font and shaping as the page. */
  function profile(word, ctx) {
    if (word.columns) return word.columns;
    ctx.font = word.font;
    ctx.direction = word.direction;
    ctx.textAlign = "left";
    ctx.textBaseline = "alphabetic";
    const m = ctx.measureText(word.word);
    const up = Math.ceil(m.actualBoundingBoxAscent) + 2, down = Math.ceil(m.actualBoundingBoxDescent) + 2;
    const x0 = Math.ceil(m.actualBoundingBoxLeft) + 2;
    const width = x0 + Math.ceil(m.actualBoundingBoxRight) + 2;
    ctx.canvas.width = width;
    ctx.canvas.height = up + down;
    ctx.font = word.font;
    ctx.direction = word.direction;
    ctx.textAlign = "left";
    ctx.fillText(word.word, x0, up);
    const pixels = ctx.getImageData(0, 0, width, up + down).data;
    const columns = new Map();
    for (let x = 0; x < width; x++) {
      let top = -1, bottom = -1;
      for (let y = 0; y < up + down; y++) {
        if (pixels[(y * width + x) * 4 + 3] > 96) { if (top < 0) top = y; bottom = y; }
      }
      if (top >= 0) columns.set(Math.round(word.left + x - x0), [up - top, bottom - up]);
    }
    word.columns = columns;
    return columns;
  }

  /* Whether the letters of two words on consecutive lines touch: at some x, the upper word
     reaches further down than the room the lower word's letters leave it. */
  function touching(above, below, gap, ctx) {
    const a = profile(above, ctx), b = profile(below, ctx);
    let worst = 0;
    for (const [x, [, down]] of a) {
      const lower = b.get(x);
      if (lower) worst = Math.max(worst, down + lower[0] - gap);
    }
    return worst;
  }

  /* Headings whose lines overlap: a word's letters reach into those of a word on the line
     below. Words whose whole reach leaves room are passed at once; the others are drawn and
     compared column by column. Only headings that wrap have lines to overlap. */
  M.headings = () => {
    const found = [];
    const ctx = document.createElement("canvas").getContext("2d", {willReadFrequently: true});
    for (const h of document.querySelectorAll("h1, h2, h3, h4, h5, h6, .site-name")) {
      if (!rendered(h)) continue;
      const line = parseFloat(getComputedStyle(h).lineHeight);
      if (!line || h.getBoundingClientRect().height < 1.5 * line) continue;
      const lines = [];
      for (const w of inkOfWords(h, ctx)) {
        const at = lines.find(l => Math.abs(l.baseline - w.baseline) < line / 2);
        if (at) at.words.push(w); else lines.push({baseline: w.baseline, words: [w]});
      }
      lines.sort((a, b) => a.baseline - b.baseline);
      let worst = null;
      for (let i = 1; i < lines.length; i++) {
        const gap = lines[i].baseline - lines[i - 1].baseline;
        for (const above of lines[i - 1].words) {
          for (const below of lines[i].words) {
            if (above.right <= below.left || below.right <= above.left) continue;
            if (above.down + below.up <= gap + 1) continue;
            const over = touching(above, below, gap, ctx);
            if (over > 1 && (!worst || over > worst.over)) {
              worst = {over, gap, above: above.word, below: below.word};
            }
          }
        }
      }
      if (worst) {
        found.push({...describe(h), lang: h.closest("[lang]") ? h.closest("[lang]").lang : "",
                    over: Math.round(worst.over), gap: Math.round(worst.gap),
                    words: [worst.above, worst.below]});
      }
    }
    return found;
  };

  /* The first Tab stops: recorded from the top of the page once startTabs() has put the
     starting point there (a focused, then blurred body: a blur alone leaves it in place). */
  let tabStops = null;
  document.addEventListener("focusin", event => {
    if (!tabStops) return;
    const e = event.target;
    tabStops.push(e.matches("[data-quick-exit]") ? "exit" :
      e.matches('a[href="#main"], a[href$="#main"]') ? "skip" : e.outerHTML.slice(0, 80));
  }, true);
  M.startTabs = () => {
    const body = document.body;
    const had = body.getAttribute("tabindex");
    body.setAttribute("tabindex", "-1");
    body.focus({preventScroll: true});
    body.blur();
    if (had === null) body.removeAttribute("tabindex"); else body.setAttribute("tabindex", had);
    window.scrollTo(0, 0);
    tabStops = [];
  };
  M.order = () => {
    const seen = (tabStops || []).slice(0, 2);
    tabStops = null;
    return seen.length ? seen : ["nothing"];
  };

  M.hint = () => [...document.querySelectorAll(".quick-exit-hint")].some(rendered);

  /* WCAG 1.4.12: line height 1.5, letter spacing 0.12em, word spacing 0.16em, paragraph
     spacing 2em; measured, then taken away again. */
  M.spacing = () => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync("* { line-height: 1.5 !important; letter-spacing: 0.12em !important; " +
                      "word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }");
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    const result = M.reflow();
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter(s => s !== sheet);
    return result;
  };

  M.document = () => {
    const link = document.querySelector("[data-quick-exit]");
    const head = [...document.head.children].slice(0, 40).map(e =>
      e.matches("meta[charset]") ? "charset" :
      e.matches("meta[http-equiv=Content-Security-Policy i]") ? "csp" :
      e.matches("meta[name=referrer i]") ? "referrer" : e.outerHTML.slice(0, 80));
    const assets = [...document.querySelectorAll("script[src], link[rel~=stylesheet][href]")]
      .map(e => e.src || e.href);
    return {
      lang: document.documentElement.getAttribute("lang") || "",
      dir: document.documentElement.getAttribute("dir") || "",
      theme: !!document.querySelector('meta[name=generator][content^="quick-exit-theme"]'),
      exit: link ? {href: link.href, rel: link.rel, text: link.textContent.trim()} : null,
      head, assets,
      /* The exit bar's and cover's shape without their words: what its behaviour depends on. */
      shape: [".quick-exit", ".quick-exit-cover"].map(css => {
        const e = document.querySelector(css);
        return e ? [...e.querySelectorAll("*")].concat([e]).map(x => x.localName + " " +
          [...x.attributes].filter(a => !/^(aria-label|title|lang|dir|data-(neutral-title|status|presses-\d))$/.test(a.name))
            .map(a => a.name + "=" + a.value).join(" ")).join("\n") : "";
      }).join("\n--\n"),
    };
  };

  M.privacy = () => ({
    writes: window.__guideWrites ? [...window.__guideWrites] : [],
    local: localStorage.length, session: sessionStorage.length,
    referrer: (document.querySelector("meta[name=referrer]") || {}).content || "",
    csp: (document.querySelector("meta[http-equiv=Content-Security-Policy]") || {}).content || "",
  });

  /* Language names and passages in another language: each must carry its own lang, and be
     set in the font the theme gives that language (found by giving the page that lang). */
  M.languages = known => {
    const found = [];
    for (const a of document.querySelectorAll(".language-switcher a[hreflang], .language-list a[hreflang]")) {
      if (a.getAttribute("lang") !== a.getAttribute("hreflang")) {
        found.push({...describe(a), kind: "lang", lang: a.getAttribute("lang") || "", hreflang: a.getAttribute("hreflang")});
      }
    }
    const html = document.documentElement;
    const own = html.getAttribute("lang");
    const marked = [...document.body.querySelectorAll("[lang]")]
      .filter(e => e.lang && e.lang !== (e.parentElement.closest("[lang]") || html).lang && rendered(e) && e.textContent.trim());
    /* The font the stylesheets give each language depends on them and on <html>'s own
       attributes only: pages that share them share the answer. */
    const key = [...document.styleSheets].map(s => s.href || "inline:" + s.ownerNode.textContent)
      .concat([html.dir, html.className]).join("|");
    const fonts = {...(known[key] || {})};
    const learnt = {};
    for (const code of new Set(marked.map(e => e.lang))) {
      if (code in fonts) continue;
      html.setAttribute("lang", code);
      fonts[code] = learnt[code] = getComputedStyle(html).fontFamily;
    }
    if (Object.keys(learnt).length) {
      if (own === null) html.removeAttribute("lang"); else html.setAttribute("lang", own);
    }
    for (const e of marked) {
      const font = getComputedStyle(e).fontFamily;
      if (font !== fonts[e.lang]) found.push({...describe(e), kind: "font", lang: e.lang, font, expected: fonts[e.lang]});
    }
    return {found, learnt: Object.keys(learnt).length ? {[key]: {...(known[key] || {}), ...learnt}} : null};
  };

  M.axe = async tags => {
    if (typeof axe !== "object") return {error: "axe-core is not in the page"};
    try {
      const r = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                         resultTypes: ["violations", "incomplete"]});
      const slim = items => items.map(i => ({
        id: i.id, impact: i.impact, help: i.help, helpUrl: i.helpUrl, tags: i.tags,
        nodes: i.nodes.slice(0, 5).map(n => {
          const target = typeof n.target[0] === "string" ? n.target[0] : "";
          const e = target ? document.querySelector(target) : null;
          return {target: [target], html: n.html, failureSummary: n.failureSummary,
                  text: e ? e.textContent.trim().slice(0, 120) : "",
                  part: e ? (parts.find(([css]) => e.closest(css)) || ["", ""])[1] : ""};
        })}));
      return {version: axe.version, violations: slim(r.violations), incomplete: slim(r.incomplete),
              ran: [].concat(r.passes, r.violations, r.incomplete, r.inapplicable).map(x => x.id)};
    } catch (e) {
      return {error: String(e)};
    }
  };

  M.expectedAxeRules = tags => axe.getRules(tags)
    .filter(r => !r.tags.includes("experimental") && !r.tags.includes("deprecated"))
    .map(r => r.ruleId).sort();

  /* The exit in forced colours: its border, colours and weight, and the bar's other controls. */
  M.forced = () => {
    const link = document.querySelector("[data-quick-exit]");
    if (!link) return null;
    const bar = link.closest(".quick-exit") || link.parentElement;
    const look = e => {
      const s = getComputedStyle(e);
      return {border: ["Top", "Right", "Bottom", "Left"].map(side => [
                parseFloat(s["border" + side + "Width"]), s["border" + side + "Style"], s["border" + side + "Color"]]),
              color: s.color, background: s.backgroundColor, weight: parseInt(s.fontWeight, 10),
              underline: s.textDecorationLine.includes("underline")};
    };
    let back = bar;
    while (back && getComputedStyle(back).backgroundColor.replace(/\s/g, "").endsWith(",0)")) back = back.parentElement;
    return {active: matchMedia("(forced-colors: active)").matches, link: look(link),
            canvas: back ? getComputedStyle(back).backgroundColor : "rgb(255, 255, 255)",
            others: [...bar.querySelectorAll("a[href], button, input, select")].filter(e => e !== link && rendered(e)).map(look)};
  };

  /* Everything measured at one emulation, in the order asked, after the page has laid itself
     out for it. "axe" runs axe-core with the given tags; "obscured-forward" and
     "obscured-backward" tab through the page each way, and "focusVisible" is the forward pass
     with the focus rings watched too (it answers "obscured-forward" as well when both are
     asked). */
  M.at = async (wanted, options) => {
    parts = options.parts || parts;
    if (options.frame) await frame();
    reset();
    const out = {};
    for (const part of wanted) {
      if (part === "axe") out.axe = await M.axe(options.tags);
      else if (part === "focusVisible") {
        const seen = M.obscured("forward", true);
        out.focusVisible = seen.unseen;
        if (wanted.includes("obscured-forward")) out["obscured-forward"] = seen.found;
      } else if (part.startsWith("obscured-")) {
        if (!(part in out)) out[part] = M.obscured(part.slice(9));
      } else if (part === "languages") {
        const seen = M.languages(options.fonts || {});
        out.languages = seen.found;
        if (seen.learnt) out.fonts = seen.learnt;
      } else out[part] = M[part]();
    }
    return out;
  };

  Object.defineProperty(window, "__guideMeasure", {value: M});
})();
