using System.Net;
using System.Text;

namespace ModularPayments.Fintoc.Simulator.HostedPages;

/// <summary>Small HTML helpers: every dynamic value is encoded.</summary>
internal static class Html
{
    public static string E(string? value) => WebUtility.HtmlEncode(value ?? "");

    public static IResult Page(string title, string body, int status = 200) => Results.Content(
        $$"""
        <!DOCTYPE html>
        <html lang="es">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(title)}} · Fintoc (simulator)</title>
        <style>
          body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1d2433; }
          header { border-bottom: 1px solid #dde; margin-bottom: 1rem; }
          .sandbox { background: #fff4d6; padding: .4rem .6rem; border-radius: .3rem; font-size: .9rem; }
          fieldset { border: 1px solid #dde; border-radius: .4rem; margin: 1rem 0; padding: 1rem; }
          label { display: block; margin: .5rem 0 .2rem; }
          input, select { width: 100%; padding: .4rem; box-sizing: border-box; }
          button { margin-top: .8rem; padding: .5rem 1rem; }
          .error { color: #a4161a; background: #fde8e8; padding: .5rem; border-radius: .3rem; }
          .ok { color: #14532d; background: #e3f9e5; padding: .5rem; border-radius: .3rem; }
          small { color: #556; }
        </style>
        </head>
        <body>
        <header><h1>{{E(title)}}</h1><p class="sandbox">Fintoc simulator: sandbox credentials only, no money moves.</p></header>
        {{body}}
        </body>
        </html>
        """,
        "text/html; charset=utf-8",
        Encoding.UTF8,
        status);

    public static string Error(string? reason) =>
        reason is null ? "" : $"""<p id="error" class="error" role="alert">The enrollment failed: <strong id="error-reason">{E(reason)}</strong>. Try again or use another method.</p>""";

    public static string PacFields(IEnumerable<Enrollment.SandboxAccount> accounts, string? username = null, string? account = null)
    {
        var options = string.Concat(accounts.Select(a =>
            $"""<option value="{E(a.Number)}"{(a.Number == account ? " selected" : "")}>{E(a.Number)}: {E(a.Description)}</option>"""));
        return $"""
            <label for="pac-username">RUT</label>
            <input id="pac-username" name="username" autocomplete="off" value="{E(username)}" placeholder="11.111.111-1" required>
            <label for="pac-password">Clave</label>
            <input id="pac-password" name="password" type="password" required>
            <label for="pac-account">Cuenta</label>
            <select id="pac-account" name="account_number">{options}</select>
            <label for="pac-mfa-code">Segundo factor</label>
            <input id="pac-mfa-code" name="mfa_code" autocomplete="off" placeholder="device 000000 · SMS 0000 · coordinates 00 00 00 · app: leave empty">
            """;
    }
}
