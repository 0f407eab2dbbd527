/**
 * The one stylesheet (served from /static, so the CSP needs no inline styles). Calm government look: white
 * background, dark blue header with a thin red rule, generous line height; 大/中/小 font sizes and a
 * high-contrast mode (适老化, GB/T 37668) are classes on <html>, set from cookies without JavaScript.
 */
export const siteCss = `
:root{--blue:#1d4b8f;--blue-dark:#163a6f;--red:#b3161b;--text:#1f2328;--muted:#555d66;--line:#d5dbe3;--bg:#f4f6f9;--ok:#1f6f3f;--err:#a4141a}
*{box-sizing:border-box}
html{font-size:100%}
html.fs-l{font-size:125%}
html.fs-s{font-size:90%}
body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif;color:var(--text);background:var(--bg);line-height:1.7}
a{color:var(--blue)}
a:hover{color:var(--blue-dark)}
:focus-visible{outline:3px solid #f0a400;outline-offset:2px}
.skip-link{position:absolute;left:-9999px;top:0;background:#fff;color:var(--blue);padding:.5rem 1rem;z-index:10}
.skip-link:focus{left:1rem;top:1rem}
.demo-banner{background:#fff4ce;color:#3d2e00;border-bottom:2px solid #c99a00;padding:.45rem 0;font-size:.95rem}
.topbar .demo-banner .wrap{display:block}
.topbar{border-top:4px solid var(--red);background:var(--blue);color:#fff}
.topbar .wrap{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem}
.brand{color:#fff;text-decoration:none;font-size:1.35rem;font-weight:700;letter-spacing:.05em;padding:.8rem 0}
.brand small{display:block;font-size:.8rem;font-weight:400;opacity:.9;letter-spacing:0}
.prefs{font-size:.9rem}
.prefs a{color:#fff;margin-left:.4rem}
.prefs a[aria-current="true"]{font-weight:700;text-decoration:none;border-bottom:2px solid #fff}
.wrap{max-width:1100px;margin:0 auto;padding:0 1rem}
nav.main-nav{background:var(--blue-dark)}
nav.main-nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap}
nav.main-nav a{display:block;color:#fff;text-decoration:none;padding:.6rem 1rem}
nav.main-nav a[aria-current="page"],nav.main-nav a:hover{background:rgba(255,255,255,.15)}
nav.main-nav form{margin:0}
nav.main-nav button.linklike{background:none;border:0;color:#fff;padding:.6rem 1rem;margin:0;font:inherit;cursor:pointer}
nav.main-nav button.linklike:hover{background:rgba(255,255,255,.15)}
main{background:#fff;margin:1rem auto;padding:1.2rem 1.2rem 2rem;max-width:1100px;border:1px solid var(--line)}
h1{font-size:1.6rem;margin:.2rem 0 1rem;color:var(--blue-dark);border-bottom:2px solid var(--line);padding-bottom:.4rem}
h2{font-size:1.25rem;color:var(--blue-dark);margin-top:1.6rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid var(--line);padding:.45rem .6rem;text-align:left;vertical-align:top}
th{background:#eef2f7}
.table-scroll{overflow-x:auto}
dl.guide{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1.2rem}
dl.guide dt{font-weight:700;color:var(--muted)}
dl.guide dd{margin:0}
.agency-list{list-style:none;padding:0;margin:0}
.agency-list li{padding:.5rem 0;border-bottom:1px dashed var(--line)}
.agency-list ul{list-style:none;padding-left:1.5rem}
.kind{display:inline-block;font-size:.8rem;color:var(--muted);border:1px solid var(--line);border-radius:3px;padding:0 .35rem;margin-left:.4rem}
form.stacked label{display:block;font-weight:700;margin-top:.9rem}
form.stacked .hint{display:block;font-weight:400;color:var(--muted);font-size:.9rem}
input[type=text],input[type=password],input[type=email],input[type=number],select,textarea{width:100%;max-width:36rem;font:inherit;padding:.45rem .55rem;border:1px solid #8a94a0;border-radius:3px;background:#fff;color:inherit}
textarea{min-height:8rem}
fieldset{border:1px solid var(--line);margin-top:1rem;max-width:36rem}
fieldset label{font-weight:400 !important;display:inline-block !important;margin-right:1rem}
.button,button{display:inline-block;font:inherit;background:var(--blue);color:#fff;border:1px solid var(--blue-dark);border-radius:3px;padding:.45rem 1.2rem;margin-top:1rem;cursor:pointer;text-decoration:none}
.button.secondary{background:#fff;color:var(--blue)}
.field-error{color:var(--err);font-weight:400;display:block}
.notice{border-left:4px solid var(--blue);background:#eef3fb;padding:.6rem 1rem;margin:0 0 1rem}
.notice.error{border-color:var(--err);background:#fbeeee}
.notice.ok{border-color:var(--ok);background:#edf7f0}
.muted{color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:1rem}
.card{border:1px solid var(--line);padding:.8rem 1rem;background:#fafbfd}
footer{text-align:center;color:var(--muted);font-size:.9rem;padding:1rem 0 2rem}
.code-part{font-family:ui-monospace,Consolas,monospace;font-size:1.6rem;letter-spacing:.12em;background:#f4f6f9;border:1px dashed var(--line);padding:.4rem .8rem;display:inline-block}
form.inline{display:inline-block;margin-right:.5rem}
form.compact button{margin-top:0;padding:.15rem .6rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
code,.mono{font-family:ui-monospace,Consolas,monospace;font-size:.9em;word-break:break-all}
html.hc body{background:#000;color:#fff}
html.hc main,html.hc .card{background:#000;border-color:#fff}
html.hc a,html.hc .prefs a,html.hc nav.main-nav a,html.hc nav.main-nav button.linklike{color:#ff0}
html.hc h1,html.hc h2{color:#fff}
html.hc th{background:#222;color:#fff}
html.hc th,html.hc td{border-color:#fff}
html.hc .topbar,html.hc nav.main-nav{background:#000;border-bottom:1px solid #fff}
html.hc .muted,html.hc dl.guide dt,html.hc .kind,html.hc form.stacked .hint{color:#ddd}
html.hc .notice{background:#111;color:#fff}
html.hc .demo-banner,html.hc .code-part{background:#111;color:#ff0}
html.hc input,html.hc select,html.hc textarea{background:#000;color:#fff;border-color:#fff}
html.hc .button,html.hc button{background:#ff0;color:#000;border-color:#ff0}
.badge{display:inline-block;min-width:1.4em;margin-left:.3rem;padding:0 .35rem;border-radius:1em;background:var(--red);color:#fff;font-size:.85em;text-align:center}
ul.notifications{list-style:none;padding:0}ul.notifications li{border-bottom:1px solid var(--line);padding:.5rem 0}ul.notifications h2{font-size:1.05rem;margin:.2rem 0}
html.hc .badge{background:#ff0;color:#000}
@media (max-width:600px){main{margin:0;border:0;padding:1rem}dl.guide{grid-template-columns:1fr}dl.guide dd{margin-bottom:.5rem}}
@media print{.topbar,nav.main-nav,.prefs,footer{display:none}}
`;
