using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace NmosdLearn.Web.Features.Admin;

/// <summary>
/// CSV files for spreadsheets and accreditation uploads: UTF-8 with a byte order mark (so Excel reads
/// Chinese names), one header row, and every cell that a spreadsheet would run as a formula neutralised.
/// </summary>
public static class CsvFile
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture)))
        {
            foreach (var name in header)
            {
                csv.WriteField(name);
            }

            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(Cell(cell));
                }

                csv.NextRecord();
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// A cell as text. Text that begins with a character a spreadsheet reads as the start of a formula gets a
    /// leading apostrophe (OWASP's advice against CSV injection); text loses its text-direction controls first (see
    /// <see cref="Shared.TextLine"/>) and keeps its lines, which the CSV quotes; numbers and dates are written invariantly.
    /// </summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        string text => Neutralised(Shared.TextLine.WithoutDirectionControls(text)),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset instant => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        bool flag => flag ? "yes" : "no",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Neutralised(string text) => text.Length > 0 && FormulaStarts.Contains(text[0]) ? "'" + text : text;
}
