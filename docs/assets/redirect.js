// A renamed page's old address (scripts/redirect_pages.py): on to the page it became, #anchor and all, relative to
// the old address (data-to), so that a copy served anywhere (a local build) stays itself.
location.replace(new URL(document.currentScript.dataset.to, location.href).href + location.hash);
