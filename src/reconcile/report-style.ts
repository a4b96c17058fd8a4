/** The report page's stylesheet, inlined: the page must open with no network. System fonts only. */
export const REPORT_CSS = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;background:#f6f7f9}
header{padding:16px 24px 4px}
h1{font-size:20px;margin:0 0 4px}
h2{font-size:16px;margin:0 0 8px}
.sub{color:#4b5563;margin:2px 0}
main{padding:8px 24px 24px}
.card{background:#fff;border:1px solid #e5e7eb;border-radius:6px;padding:12px 16px;margin-bottom:16px}
.legend,.chart-key{display:flex;flex-wrap:wrap;gap:4px 14px;list-style:none;margin:0 0 8px;padding:0;font-size:13px}
.legend i,.chart-key i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:5px;vertical-align:-1px;border:1px solid rgba(0,0,0,.12)}
.chart-key i.line{height:3px;vertical-align:3px;border:0}
.legend .n{color:#6b7280;margin-left:3px}
.controls{display:flex;gap:14px;align-items:center;margin:0 0 8px;font-size:13px}
.controls input[type=search]{padding:3px 6px;border:1px solid #d1d5db;border-radius:4px;width:220px}
#grid-wrap{position:relative;border:1px solid #e5e7eb;border-radius:4px;overflow:hidden;background:#fff}
#grid-canvas{position:absolute;left:0;top:0;pointer-events:none}
#grid-scroll{position:absolute;inset:0;overflow:auto;outline:none}
#grid-scroll:focus-visible{box-shadow:inset 0 0 0 2px #2f6fdb}
#grid-spacer{pointer-events:none}
#tooltip{position:fixed;z-index:20;pointer-events:none;background:#111827;color:#fff;font-size:12px;padding:5px 8px;border-radius:4px;white-space:pre;max-width:420px}
#panel{position:fixed;z-index:10;top:0;right:0;bottom:0;width:min(520px,94vw);background:#fff;border-left:1px solid #d1d5db;box-shadow:-6px 0 18px rgba(0,0,0,.12);overflow:auto;padding:16px 18px}
#panel-close{float:right;border:1px solid #d1d5db;background:#fff;border-radius:4px;font-size:16px;line-height:1;padding:3px 8px;cursor:pointer}
#panel h2{word-break:break-all;margin-right:40px}
.meta{color:#4b5563;margin:0 0 8px}
.badge{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;margin-right:6px}
.message{white-space:pre-wrap;word-break:break-word;background:#fef2f2;border-left:3px solid #d1253a;padding:4px 8px;margin:6px 0}
.explain,.note{color:#4b5563}
.task{border-top:1px solid #e5e7eb;padding:8px 0}
.task-name{font-weight:600;word-break:break-word}
.module{color:#6b7280;margin-left:6px;font-size:12px}
pre.diff{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f8fafc;border:1px solid #e5e7eb;border-radius:4px;padding:6px 0;margin:6px 0 0;overflow:auto;white-space:pre}
pre.diff span{display:block;padding:0 8px}
pre.diff .add{background:#e6ffec;color:#0f5323}
pre.diff .del{background:#ffebe9;color:#82071e}
pre.diff .hunk{color:#6e7781;background:#f1f5f9}
pre.diff .file{color:#374151;font-weight:600}
.also{color:#4b5563;font-size:13px;margin-top:8px}
.chart{width:100%;height:auto;max-height:260px;display:block}
.chart .grid-line{stroke:#e5e7eb}
.chart .axis{font-size:11px;fill:#6b7280}
.chart .hit{fill:transparent}
.chart .hit:hover{fill:rgba(17,24,39,.08)}
.chart .fail-line{stroke-width:1.5}
table.tasks{border-collapse:collapse;width:100%;font-size:13px}
table.tasks th,table.tasks td{text-align:left;padding:4px 8px;border-bottom:1px solid #f0f1f3;vertical-align:middle}
table.tasks th{color:#4b5563;font-weight:600}
table.tasks .num{text-align:right;white-space:nowrap}
table.tasks td.num:first-of-type{width:1%}
table.tasks .bar{display:inline-block;height:8px;max-width:120px;background:#f2a900;border-radius:2px;margin-right:6px}
table.tasks .task{word-break:break-word}
.empty{color:#6b7280}
`;
