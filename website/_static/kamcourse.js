/* kamcourse website: load every widget asset from the site itself, and let the widgets typeset math with MathJax 3.
 *
 * 1. RequireJS reads a global `require` object defined before it loads as its configuration: the widgets HTML
 *    manager and the widget modules it bundles compute their font URLs from their module paths, so those paths
 *    are mapped to <site>/_vendor/html-manager, where the fonts are.
 * 2. The HTML manager 1.x typesets labels with the MathJax 2 call `MathJax.Hub.Queue(["Typeset", MathJax.Hub, el])`;
 *    the site serves MathJax 3, so `MathJax.Hub.Queue` is forwarded to `MathJax.typesetPromise([el])`.
 */
(function () {
  "use strict";
  var here = document.currentScript ? document.currentScript.src : document.location.href;
  var vendor = new URL("../../_vendor/", here).href;
  if (typeof window.require === "undefined") {
    // the longest prefix wins: the manager's own path, and its bundled modules (controls, output) for their fonts
    window.require = { paths: { "@jupyter-widgets/html-manager/dist": vendor + "html-manager",
                                "@jupyter-widgets": vendor + "html-manager" } };
  }

  function typeset(element) {
    var mj = current;
    if (!mj || typeof mj.typesetPromise !== "function") return;
    var ready = mj.startup && mj.startup.promise ? mj.startup.promise : Promise.resolve();
    ready.then(function () { return mj.typesetPromise(element ? [element] : undefined); })
      .catch(function (err) { console.warn("MathJax could not typeset a widget label", err); });
  }
  function withHub(mj) {
    if (mj && typeof mj === "object" && !mj.Hub) {
      mj.Hub = {
        Queue: function () {
          Array.prototype.forEach.call(arguments, function (job) {
            if (Array.isArray(job) && job[0] === "Typeset") typeset(job[2]);
          });
        },
      };
    }
    return mj;
  }
  var current = withHub(window.MathJax);
  Object.defineProperty(window, "MathJax", {
    configurable: true,
    get: function () { return current; },
    set: function (value) { current = withHub(value); },
  });
})();
