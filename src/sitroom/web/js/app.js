// The workspace: a router over four views, all reading the filters in the URL.
import { config } from "./api.js";
import { clear, h, status } from "./dom.js";
import { bindForm, showInForm } from "./filters.js";
import { renderWorkspace } from "./workspace.js";
import { renderArticle, renderEvent } from "./event.js";
import { renderIncident } from "./incident.js";
import { renderActor } from "./actor.js";

const view = document.getElementById("view");
const form = document.getElementById("filters");
let current = null; // the view object that may need disposing

async function route() {
  showInForm(form);
  const path = decodeURIComponent(location.pathname);
  if (current && current.dispose) current.dispose();
  current = null;
  status("");
  try {
    let m;
    if ((m = path.match(/^\/events\/(\d+)\/?$/))) {
      clear(view);
      current = await renderEvent(view, Number(m[1]));
    } else if ((m = path.match(/^\/incidents\/(\d+)\/?$/))) {
      clear(view);
      current = await renderIncident(view, Number(m[1]));
    } else if ((m = location.pathname.match(/^\/articles\/(.+)$/))) {
      clear(view);
      current = await renderArticle(view, decodeURIComponent(m[1]));
    } else if ((m = location.pathname.match(/^\/actors\/(.+)$/))) {
      clear(view);
      current = await renderActor(view, decodeURIComponent(m[1]));
    } else {
      current = await renderWorkspace(view);
    }
  } catch (err) {
    clear(view);
    view.append(h("p", { class: "error" }, "Could not load this page: ", err.message || String(err)));
    status("error", "error");
  }
}

// Links marked data-link, and links inside the view to this server's pages, navigate in place.
document.addEventListener("click", (ev) => {
  const a = ev.target.closest && ev.target.closest("a[href]");
  if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey) return;
  const href = a.getAttribute("href");
  if (!href || !href.startsWith("/") || href.startsWith("//") || href.startsWith("/api/") || a.target) return;
  ev.preventDefault();
  history.pushState({}, "", href);
  route();
});
window.addEventListener("popstate", route);
window.addEventListener("sitroom:navigate", route);

bindForm(form);
config().then((c) => {
  document.body.dataset.readOnly = c.read_only ? "true" : "false";
}).catch(() => {});
route();
