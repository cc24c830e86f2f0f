using System.Globalization;
using System.Text.Json.Nodes;

namespace ModularPayments.Fintoc.Simulator.Api;

/// <summary>Fintoc's two list styles: v2 cursors (<c>rel="next"</c> only) and v1 pages (first/prev/next/last).</summary>
internal static class Pagination
{
    public const int DefaultLimit = 30;
    public const int MaxLimit = 300;

    /// <summary>v2: newest first; <c>limit</c>, <c>starting_after</c> or <c>ending_before</c> (not both).</summary>
    public static ApiAnswer Cursor<T>(ApiCall call, IReadOnlyList<T> newestFirst, Func<T, string> id, Func<T, JsonNode> render, IEnumerable<(string Name, string? Value)> filters)
    {
        var limit = Limit(call, "limit");
        var startingAfter = call.Query("starting_after");
        var endingBefore = call.Query("ending_before");
        if (startingAfter is not null && endingBefore is not null)
        {
            throw FintocApiError.Invalid("starting_after", "starting_after and ending_before cannot be used together.");
        }

        IReadOnlyList<T> window = newestFirst;
        if (startingAfter is not null)
        {
            var index = IndexOf(newestFirst, id, startingAfter, "starting_after");
            window = [.. newestFirst.Skip(index + 1)];
        }
        else if (endingBefore is not null)
        {
            var index = IndexOf(newestFirst, id, endingBefore, "ending_before");
            window = [.. newestFirst.Take(index).TakeLast(limit)];
        }

        var page = window.Take(limit).ToList();
        string? link = null;
        if (endingBefore is null && window.Count > page.Count)
        {
            var query = Query(filters.Append(("limit", limit.ToString(CultureInfo.InvariantCulture))).Append(("starting_after", id(page[^1]))));
            link = $"<{call.AbsolutePath}?{query}>; rel=\"next\"";
        }

        return new ApiAnswer(200, new JsonArray([.. page.Select(render)]), link);
    }

    /// <summary>v1: <c>page</c> (from 1) and <c>per_page</c>.</summary>
    public static ApiAnswer Pages<T>(ApiCall call, IReadOnlyList<T> newestFirst, Func<T, JsonNode> render, IEnumerable<(string Name, string? Value)> filters)
    {
        var perPage = Limit(call, "per_page");
        var page = 1;
        if (call.Query("page") is { } pageText && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            throw FintocApiError.Invalid("page", "page must be a positive integer.");
        }

        var last = Math.Max(1, (newestFirst.Count + perPage - 1) / perPage);
        var items = newestFirst.Skip((page - 1) * perPage).Take(perPage);
        var filterList = filters.ToList();
        string Url(int number) => $"<{call.AbsolutePath}?{Query(filterList.Append(("page", number.ToString(CultureInfo.InvariantCulture))).Append(("per_page", perPage.ToString(CultureInfo.InvariantCulture))))}>";
        var links = new List<string> { $"{Url(1)}; rel=\"first\"" };
        if (page > 1)
        {
            links.Add($"{Url(Math.Min(page - 1, last))}; rel=\"prev\"");
        }

        if (page < last)
        {
            links.Add($"{Url(page + 1)}; rel=\"next\"");
        }

        links.Add($"{Url(last)}; rel=\"last\"");
        return new ApiAnswer(200, new JsonArray([.. items.Select(render)]), string.Join(", ", links));
    }

    private static int Limit(ApiCall call, string name)
    {
        if (call.Query(name) is not { } text)
        {
            return DefaultLimit;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit
            ? limit
            : throw FintocApiError.Invalid(name, $"{name} must be between 1 and {MaxLimit}.");
    }

    private static int IndexOf<T>(IReadOnlyList<T> items, Func<T, string> id, string cursor, string param)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (id(items[i]) == cursor)
            {
                return i;
            }
        }

        throw FintocApiError.Invalid(param, $"{param} must be the id of an object in this list.");
    }

    private static string Query(IEnumerable<(string Name, string? Value)> parameters) =>
        string.Join("&", parameters.Where(p => p.Value is not null).Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value!)}"));
}
