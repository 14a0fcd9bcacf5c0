using System.Globalization;
using System.Net;
using System.Text;

namespace NmosdLearn.Web.Features.Admin;

/// <summary>
/// Horizontal bar charts drawn on the server as SVG: no script, nothing loaded from elsewhere, allowed by the
/// content security policy. Every bar carries its label and its value as text, so the chart reads without
/// colour; a table with the same figures stands beside each chart for screen readers and for copying.
/// </summary>
public static class SvgChart
{
    private const int RowHeight = 26;
    private const int LabelWidth = 150;
    private const int BarArea = 260;
    private const int ValueWidth = 60;

    public static string Bars(string title, IReadOnlyList<(string Label, double Value)> bars, string valueFormat = "0")
    {
        var max = bars.Count == 0 ? 1 : Math.Max(bars.Max(b => b.Value), 1e-9);
        var width = LabelWidth + BarArea + ValueWidth;
        var height = RowHeight * Math.Max(bars.Count, 1) + 8;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"report-chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Encode(title)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Encode(title)}</title>");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = 4 + i * RowHeight;
            var length = value <= 0 ? 0 : Math.Max(1, value / max * BarArea);
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{LabelWidth - 6}\" y=\"{y + 17}\" text-anchor=\"end\" class=\"chart-label\">{Encode(label)}</text>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{LabelWidth}\" y=\"{y + 4}\" width=\"{length:0.#}\" height=\"{RowHeight - 8}\" class=\"chart-bar\" />");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{LabelWidth + length + 4:0.#}\" y=\"{y + 17}\" class=\"chart-value\">{Encode(value.ToString(valueFormat, CultureInfo.InvariantCulture))}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{LabelWidth}\" y1=\"0\" x2=\"{LabelWidth}\" y2=\"{height}\" class=\"chart-axis\" />");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
