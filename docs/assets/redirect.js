// A renamed page's old address (scripts/redirect_pages.py): on to the page it became, #anchor and all.
location.replace(document.querySelector('link[rel="canonical"]').href + location.hash);
