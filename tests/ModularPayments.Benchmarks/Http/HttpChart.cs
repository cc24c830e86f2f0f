using System.Globalization;
using System.Text;

namespace ModularPayments.Benchmarks.Http;

/// <summary>
/// The SVG beside docs/benchmarks.md: per workload, rate and p99 against connections for both targets, on log scales
/// (the bare endpoint is an order of magnitude above the service, and p99 spans milliseconds to hundreds).
/// </summary>
internal static class HttpChart
{
    private const int PanelWidth = 420;
    private const int PanelHeight = 260;
    private const int Left = 62;
    private const int Right = 16;
    private const int Top = 34;
    private const int Bottom = 42;
    private const string BareColour = "#7f8c8d";
    private const string ServiceColour = "#c0392b";

    public static string Render(HttpBenchmarkOptions options, IReadOnlyList<StepRow> rows)
    {
        var workloads = rows.Select(r => (r.Workload, r.WorkloadTitle)).Distinct().ToList();
        var width = PanelWidth * 2;
        var height = (PanelHeight * workloads.Count) + 40;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"11\">\n"));
        svg.Append(Invariant($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n"));
        svg.Append(Invariant($"<text x=\"{Left}\" y=\"20\" font-size=\"13\" font-weight=\"bold\">HTTP load, closed loop: requests/s and p99 against concurrent connections</text>\n"));
        Legend(svg, width - 230, 14);
        for (var i = 0; i < workloads.Count; i++)
        {
            var closed = rows.Where(r => r.Workload == workloads[i].Workload && r.Mode == "closed").ToList();
            var y = 30 + (i * PanelHeight);
            Panel(svg, 0, y, $"{workloads[i].WorkloadTitle}: requests/s", options.Levels, closed, r => r.Load.Rate);
            Panel(svg, PanelWidth, y, $"{workloads[i].WorkloadTitle}: p99 ms", options.Levels, closed, r => r.Load.P99Ms);
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Legend(StringBuilder svg, int x, int y)
    {
        foreach (var (name, colour, offset) in new[] { ("service", ServiceColour, 0), ("bare endpoint", BareColour, 110) })
        {
            svg.Append(Invariant($"<line x1=\"{x + offset}\" y1=\"{y}\" x2=\"{x + offset + 22}\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"2.5\"/>"));
            svg.Append(Invariant($"<text x=\"{x + offset + 27}\" y=\"{y + 4}\">{name}</text>\n"));
        }
    }

    private static void Panel(StringBuilder svg, int x0, int y0, string title, IReadOnlyList<int> levels, IReadOnlyList<StepRow> rows, Func<StepRow, double> value)
    {
        var plotLeft = x0 + Left;
        var plotRight = x0 + PanelWidth - Right;
        var plotTop = y0 + Top;
        var plotBottom = y0 + PanelHeight - Bottom;
        var values = rows.Select(value).Where(v => v > 0).DefaultIfEmpty(1).ToList();
        var low = Math.Floor(Math.Log10(values.Min()));
        var high = Math.Ceiling(Math.Log10(values.Max()));
        if (high <= low)
        {
            high = low + 1;
        }

        double X(int index) => levels.Count == 1 ? (plotLeft + plotRight) / 2.0 : plotLeft + ((plotRight - plotLeft) * index / (double)(levels.Count - 1));
        double Y(double v) => plotBottom - ((plotBottom - plotTop) * (Math.Log10(Math.Max(v, Math.Pow(10, low))) - low) / (high - low));

        svg.Append(Invariant($"<text x=\"{plotLeft}\" y=\"{y0 + 22}\" font-weight=\"bold\">{Escape(title)}</text>\n"));
        svg.Append(Invariant($"<rect x=\"{plotLeft}\" y=\"{plotTop}\" width=\"{plotRight - plotLeft}\" height=\"{plotBottom - plotTop}\" fill=\"none\" stroke=\"#bbb\"/>\n"));
        for (var decade = low; decade <= high; decade++)
        {
            foreach (var step in new[] { 1, 2, 5 })
            {
                var tick = step * Math.Pow(10, decade);
                if (Math.Log10(tick) > high + 1e-9)
                {
                    continue;
                }

                var ty = Y(tick);
                svg.Append(Invariant($"<line x1=\"{plotLeft}\" y1=\"{ty:F1}\" x2=\"{plotRight}\" y2=\"{ty:F1}\" stroke=\"#eee\"/>"));
                svg.Append(Invariant($"<text x=\"{plotLeft - 5}\" y=\"{ty + 4:F1}\" text-anchor=\"end\">{FormatTick(tick)}</text>\n"));
            }
        }

        for (var i = 0; i < levels.Count; i++)
        {
            svg.Append(Invariant($"<text x=\"{X(i):F1}\" y=\"{plotBottom + 15}\" text-anchor=\"middle\">{levels[i]}</text>\n"));
        }

        svg.Append(Invariant($"<text x=\"{(plotLeft + plotRight) / 2}\" y=\"{plotBottom + 32}\" text-anchor=\"middle\" fill=\"#555\">connections</text>\n"));
        foreach (var (target, colour) in new[] { ("bare", BareColour), ("service", ServiceColour) })
        {
            var points = levels
                .Select((level, i) => (i, row: rows.FirstOrDefault(r => r.Target == target && r.Level == level)))
                .Where(p => p.row is not null)
                .Select(p => (x: X(p.i), y: Y(value(p.row!)), v: value(p.row!)))
                .ToList();
            if (points.Count == 0)
            {
                continue;
            }

            svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\" points=\"{string.Join(" ", points.Select(p => Invariant($"{p.x:F1},{p.y:F1}")))}\"/>\n"));
            foreach (var p in points)
            {
                svg.Append(Invariant($"<circle cx=\"{p.x:F1}\" cy=\"{p.y:F1}\" r=\"3\" fill=\"{colour}\"><title>{target}: {FormatValue(p.v)}</title></circle>\n"));
            }
        }
    }

    private static string FormatTick(double v) => v >= 1000 ? Invariant($"{v / 1000:0.#}k") : v >= 1 ? Invariant($"{v:0}") : Invariant($"{v:0.##}");

    private static string FormatValue(double v) => v >= 100 ? Invariant($"{v:N0}") : Invariant($"{v:F2}");

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
