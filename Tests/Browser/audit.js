// Automated accessibility checks, run in the page after every navigation.
// Returns a list of problems in plain words (empty when the page passes).
// Kept in its own file so it reads as JavaScript; support.py sends it to the page.
const issues = [];
const text = (el) => (el ? el.textContent.replace(/\s+/g, " ").trim() : "");
const describe = (el) =>
  el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.getAttribute("name") ? `[name=${el.getAttribute("name")}]` : "") +
  (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\s+/).join(".") : "");
const visible = (el) => {
  const style = getComputedStyle(el);
  return el.getClientRects().length > 0 && style.visibility !== "hidden" && style.display !== "none";
};
const byIds = (list) => (list || "").split(/\s+/).filter(Boolean).map((id) => [id, document.getElementById(id)]);

// Language of the page.
const lang = document.documentElement.getAttribute("lang");
if (lang !== "nl") issues.push(`<html lang> is ${JSON.stringify(lang)}, expected "nl"`);
if (!document.title.trim()) issues.push("the page has no <title>");

// Every page links the statements a public service publishes (accessibility, privacy) in its footer.
const footerLinks = [...document.querySelectorAll("footer a[href]")].map((a) => a.getAttribute("href"));
for (const href of ["/toegankelijkheid", "/privacy"]) if (!footerLinks.includes(href)) issues.push(`the footer does not link ${href}`);

// Landmarks and the skip link: the first link of the page jumps to the content in <main>.
const mains = document.querySelectorAll("main");
if (mains.length !== 1) issues.push(`expected exactly one <main>, found ${mains.length}`);
const firstFocusable = document.querySelector("body a[href], body button, body input:not([type=hidden]), body select, body textarea");
const skipTarget = firstFocusable && firstFocusable.matches('a[href^="#"]')
  ? document.getElementById(firstFocusable.getAttribute("href").slice(1)) : null;
if (!skipTarget) {
  issues.push("no skip link: the first focusable element is not a link to an element on the page");
} else if (mains.length === 1 && !mains[0].contains(skipTarget)) {
  issues.push(`the skip link points to #${skipTarget.id}, which is not (in) <main>`);
}

// Every visible form control has a label: label[for], aria-label or aria-labelledby.
for (const el of document.querySelectorAll("input, select, textarea")) {
  if (el.type === "hidden" || !visible(el)) continue;
  const forLabel = el.id ? [...document.querySelectorAll("label")].find((l) => l.htmlFor === el.id) : null;
  const ariaLabel = (el.getAttribute("aria-label") || "").trim();
  const labelledBy = byIds(el.getAttribute("aria-labelledby")).map(([, ref]) => text(ref)).join(" ").trim();
  if (!text(forLabel) && !ariaLabel && !labelledBy) issues.push(`form control ${describe(el)} has no label`);
}
for (const label of document.querySelectorAll("label[for]")) {
  if (!document.getElementById(label.htmlFor)) issues.push(`<label for="${label.htmlFor}"> points to no element`);
}

// Headings: one h1, first; no level skipped going down.
const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")];
const h1s = headings.filter((h) => h.tagName === "H1");
if (h1s.length !== 1) issues.push(`expected exactly one <h1>, found ${h1s.length}`);
if (headings.length && headings[0].tagName !== "H1") issues.push(`the first heading is <${headings[0].tagName.toLowerCase()}> "${text(headings[0])}", not <h1>`);
for (let i = 1; i < headings.length; i++) {
  const previous = +headings[i - 1].tagName[1], level = +headings[i].tagName[1];
  if (level > previous + 1) {
    issues.push(`heading level skipped: <h${previous}> "${text(headings[i - 1])}" is followed by <h${level}> "${text(headings[i])}"`);
  }
}

// Images and charts have a text alternative.
for (const img of document.querySelectorAll("img:not([alt])")) issues.push(`<img src="${img.getAttribute("src")}"> has no alt`);
for (const svg of document.querySelectorAll("svg")) {
  if (svg.parentElement.closest("svg") || svg.getAttribute("aria-hidden") === "true") continue;
  if (svg.getAttribute("role") !== "img") issues.push(`<svg ${svg.id ? "#" + svg.id : ""}> has no role="img"`);
  const name = (svg.getAttribute("aria-label") || "").trim() ||
    byIds(svg.getAttribute("aria-labelledby")).map(([, ref]) => text(ref)).join(" ").trim() ||
    text(svg.querySelector(":scope > title"));
  if (!name) issues.push("an <svg> chart has no accessible name");
}

// Unique ids, and ARIA references that resolve.
const seen = new Map();
for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) || 0) + 1);
for (const [id, count] of seen) if (count > 1) issues.push(`id "${id}" is used ${count} times`);
for (const attr of ["aria-labelledby", "aria-describedby", "aria-controls"]) {
  for (const el of document.querySelectorAll(`[${attr}]`)) {
    for (const [id, ref] of byIds(el.getAttribute(attr))) if (!ref) issues.push(`${describe(el)} ${attr} refers to missing id "${id}"`);
  }
}

// Links and buttons have a name.
for (const el of document.querySelectorAll("a[href], button")) {
  if (!visible(el)) continue;
  if (!text(el) && !(el.getAttribute("aria-label") || "").trim()) issues.push(`${describe(el)} has no text`);
}

// Nothing the Content-Security-Policy would block (so nothing silently broken).
for (const script of document.querySelectorAll("script:not([src])")) if (script.textContent.trim()) issues.push("inline <script> (blocked by the CSP)");
for (const el of document.querySelectorAll("*")) {
  for (const attr of el.getAttributeNames()) {
    if (/^on/i.test(attr)) issues.push(`inline event handler ${attr} on ${describe(el)} (blocked by the CSP)`);
  }
  if (el.hasAttribute("style")) issues.push(`inline style on ${describe(el)} (blocked by the CSP)`);
}

// On a phone the page reflows: no sideways scrolling (WCAG 1.4.10).
if (window.innerWidth < 600 && document.documentElement.scrollWidth > window.innerWidth + 1) {
  const wide = [...document.querySelectorAll("body *")]
    .filter((el) => visible(el) && el.getBoundingClientRect().right > window.innerWidth + 1)
    .filter((el, _, all) => !all.some((other) => other !== el && other.contains(el)))
    .slice(0, 4).map(describe);
  issues.push(`page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window (too wide: ${wide.join(", ")})`);
}
return issues;
