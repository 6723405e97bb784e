"""Sphinx configuration of the course website, one build per language.

``website/build.py`` stages the sources of one language into a folder and runs
Sphinx on it with this configuration; it passes the language and the paths in
environment variables (``KAMCOURSE_SITE_*``), so one file serves both trees.
Every asset is served from the site itself (no CDN): MathJax, RequireJS and the
Jupyter widgets HTML manager come from ``website/node_modules`` (npm, locked in
``website/package-lock.json``) and are copied once into ``<site>/_vendor/``.
"""

from __future__ import annotations

import os

from kamcourse import i18n

LANG = os.environ.get("KAMCOURSE_SITE_LANG", "en")
OTHER = {"en": "zh", "zh": "en"}[LANG]
CACHE = os.environ.get("KAMCOURSE_SITE_CACHE", "")
# from <tree>/_static/ to the shared vendor folder <site>/_vendor/
VENDOR = "../../_vendor"

project = i18n.label("site_title", LANG)
author = "kamcourse developers"
copyright = "kamcourse developers, MIT licence"
language = {"en": "en", "zh": "zh_CN"}[LANG]
root_doc = "index"

extensions = ["myst_nb"]
templates_path = [os.path.join(os.path.dirname(__file__), "_templates")]
html_static_path = [os.path.join(os.path.dirname(__file__), "_static")]
html_css_files = ["kamcourse.css"]
# before RequireJS, MathJax and the widgets manager (see the file's header)
html_js_files = [("kamcourse.js", {"priority": 200})]
exclude_patterns = ["_build", "**.ipynb_checkpoints", "jupyter_execute"]

myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3
suppress_warnings = ["myst.xref_missing", "myst.header", "mystnb.unknown_mime_type"]

# execution: every notebook runs once, results cached by jupyter-cache until its code changes. build.py executes
# them all beforehand (website/execute.py, one per core at a time), so MyST-NB finds each one in the cache
nb_execution_mode = "cache"
nb_execution_cache_path = CACHE or os.path.join("_build", ".jupyter_cache")
# seconds per cell: every lesson cell runs in seconds. A cell whose widgets send many messages sometimes gets
# its execute reply only when the wait for it times out (nbclient issue 312); execute.py waits in short slices.
nb_execution_timeout = int(os.environ.get("KAMCOURSE_SITE_TIMEOUT", "60"))  # build.py: EXECUTION_TIMEOUT
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True
# widgets: the explorers' embedded state, rendered by the HTML manager served from the site
nb_ipywidgets_js = {
    f"{VENDOR}/require.js": {},
    f"{VENDOR}/html-manager/embed-amd.js": {
        # third-party widget modules would be looked up here (there are none): never a CDN
        "data-jupyter-widgets-cdn": f"{VENDOR}/widget-modules/",
    },
}
mathjax_path = f"{VENDOR}/mathjax/tex-chtml.js"

html_theme = "sphinx_book_theme"
html_title = project
html_favicon = os.path.join(os.path.dirname(__file__), "_static", "favicon.svg")
html_last_updated_fmt = None
html_copy_source = True  # the download button offers the notebook itself
html_show_sourcelink = False
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "use_download_button": True,
    "use_fullscreen_button": True,
    "article_header_end": ["language-switch.html", "article-header-buttons.html"],
    "navigation_with_keys": False,
    "show_prev_next": True,
}
html_context = {
    "default_mode": "light",
    "kc_lang": LANG,
    "kc_other_lang": OTHER,
    "kc_other_name": i18n.label("site_language_name", OTHER),
    "kc_other_title": i18n.label("site_switch_title", OTHER),
}
if LANG == "zh":
    html_search_language = "zh"  # words split by jieba when it is installed (the site extra has it)


def _course_terms_dictionary(folder: str) -> str:
    """A jieba user dictionary of the glossary's Chinese terms, so that 大客户 or 客户让渡价值 is one search word.

    The search box does not split what the reader types; without the course's terms jieba would index
    大客户 as 大 + 客户, and a search for 大客户 would find nothing.
    """
    import re

    terms = sorted({entry["zh"] for entry in i18n.GLOSSARY.values()
                    if re.fullmatch(r"[\u4e00-\u9fff]{2,10}", entry["zh"])})
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "course-terms.dict.txt")
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(f"{term} 100000\n" for term in terms)
    return path


if LANG == "zh":
    html_search_options = {"dict": _course_terms_dictionary(CACHE or os.path.join("_build", ".jieba"))}


def _other_language_url(app, pagename, templatename, context, doctree) -> None:
    """The same page in the other language's tree: ``<site>/<other>/<pagename>.html``."""
    depth = pagename.count("/")
    context["kc_other_url"] = "../" * (depth + 1) + f"{OTHER}/{pagename}.html"


def _chinese_search_stemmer(app) -> None:
    """Sphinx 9.0's Chinese search ships the English stemmer's code but names it ``ChineseStemmer``."""
    from sphinx.search import zh

    if zh.SearchChinese.js_stemmer_rawcode == "english-stemmer.js":

        class SearchChinese(zh.SearchChinese):
            language_name = "English"  # the JavaScript object the English stemmer code defines

        app.add_search_language(SearchChinese)


def setup(app) -> None:
    app.connect("html-page-context", _other_language_url)
    if LANG == "zh":
        _chinese_search_stemmer(app)
