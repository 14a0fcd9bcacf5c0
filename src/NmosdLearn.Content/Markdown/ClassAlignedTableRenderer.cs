using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace NmosdLearn.Content.Markdown;

/// <summary>
/// Markdig aligns table columns with inline <c>style</c> attributes; the platform's content security policy
/// allows no inline style, so the alignment moves into the stylesheet's classes before the table is written.
/// </summary>
internal sealed class ClassAlignedTableRenderer : HtmlTableRenderer
{
    protected override void Write(HtmlRenderer renderer, Table table)
    {
        foreach (var row in table.OfType<TableRow>())
        {
            // Markdig's own renderer: a cell without a column index takes its place in the row.
            var cells = row.OfType<TableCell>().ToList();
            for (var i = 0; i < cells.Count; i++)
            {
                var cell = cells[i];
                var index = cell.ColumnIndex < 0 ? i : cell.ColumnIndex;
                var column = index < table.ColumnDefinitions.Count ? table.ColumnDefinitions[index] : null;
                if (column?.Alignment is { } alignment)
                {
                    cell.GetAttributes().AddClass(alignment switch
                    {
                        TableColumnAlign.Center => "text-center",
                        TableColumnAlign.Right => "text-end",
                        _ => "text-start",
                    });
                }
            }
        }

        foreach (var column in table.ColumnDefinitions)
        {
            column.Alignment = null;
        }

        base.Write(renderer, table);
    }
}
