using ModularPayments.Fintoc.Simulator.Api;
using ModularPayments.Fintoc.Simulator.Enrollment;
using static ModularPayments.Fintoc.Simulator.HostedPages.Html;

namespace ModularPayments.Fintoc.Simulator.HostedPages;

/// <summary>
/// The Fintoc-hosted pages a payer sees: the setup checkout at a session's <c>redirect_url</c> (seed 000) and the
/// subscription authorization opened with a widget token (seed 003). Both use the sandbox credentials only.
/// </summary>
internal static class HostedPageEndpoints
{
    public static void Map(IEndpointRouteBuilder root)
    {
        root.MapGet("/checkout/{id}", (string id, EnrollmentService enrollment, SimulatorMount mount) => Checkout(id, enrollment, mount, error: null));
        root.MapPost("/checkout/{id}/pac", CompletePacAsync);
        root.MapPost("/checkout/{id}/card", CompleteCardAsync);
        root.MapPost("/checkout/{id}/cancel", (string id, EnrollmentService enrollment) => Guarded(() => Results.Redirect(enrollment.CancelCheckout(id).RedirectTo)));
        root.MapGet("/widget/subscription_intents/{id}", (string id, string? widget_token, EnrollmentService enrollment, SimulatorMount mount) => Subscription(id, widget_token, enrollment, mount, error: null));
        root.MapPost("/widget/subscription_intents/{id}", AuthorizeAsync);
    }

    private static IResult Checkout(string id, EnrollmentService enrollment, SimulatorMount mount, string? error, CardCredentials? challenge = null)
    {
        var session = enrollment.FindCheckout(id);
        if (session is null)
        {
            return Page("Checkout not found", """<p id="not-found">This checkout session does not exist.</p>""", 404);
        }

        if (session.Status != "created")
        {
            return Page("Checkout closed", $"""<p id="closed">This checkout session is <strong id="session-status">{E(session.Status)}</strong>.</p>""");
        }

        var action = $"{mount.Prefix}/checkout/{E(id)}";
        if (challenge is not null)
        {
            return Page("3-D Secure", $"""
                <p>Your bank asks you to confirm this card.</p>
                <form id="three-ds-form" method="post" action="{action}/card">
                  <input type="hidden" name="number" value="{E(challenge.Number)}">
                  <input type="hidden" name="expiry" value="{E(challenge.Expiry)}">
                  <input type="hidden" name="cvv" value="{E(challenge.Cvv)}">
                  <input type="hidden" name="holder_name" value="{E(challenge.HolderName)}">
                  <label for="three-ds-code">Código 3-D Secure</label>
                  <input id="three-ds-code" name="three_ds_code" autocomplete="off" required>
                  <button id="three-ds-submit" type="submit">Confirmar</button>
                </form>
                """);
        }

        var pac = session.PaymentMethodTypes.Contains("pac") ? $"""
            <fieldset><legend>PAC: débito automático en tu cuenta</legend>
            <form id="pac-form" method="post" action="{action}/pac">
              {PacFields(TestCredentials.Accounts)}
              <button id="pac-submit" type="submit">Inscribir cuenta</button>
            </form></fieldset>
            """ : "";
        var card = session.PaymentMethodTypes.Contains("card") ? $"""
            <fieldset><legend>Tarjeta</legend>
            <form id="card-form" method="post" action="{action}/card">
              <label for="card-number">Número</label><input id="card-number" name="number" inputmode="numeric" autocomplete="off" required>
              <label for="card-expiry">Vencimiento (MM/AA)</label><input id="card-expiry" name="expiry" placeholder="12/30" required>
              <label for="card-cvv">CVV</label><input id="card-cvv" name="cvv" inputmode="numeric" required>
              <label for="card-holder">Titular</label><input id="card-holder" name="holder_name">
              <button id="card-submit" type="submit">Guardar tarjeta</button>
            </form></fieldset>
            """ : "";
        return Page("Guarda tu medio de pago", $"""
            <p>{E(session.CustomerName ?? "Customer")}: save a payment method ({E(session.Currency)}) for future charges.</p>
            {Error(error)}
            {pac}
            {card}
            <form method="post" action="{action}/cancel"><button id="cancel" type="submit">Cancelar y volver al comercio</button></form>
            """);
    }

    private static async Task<IResult> CompletePacAsync(string id, HttpContext http, EnrollmentService enrollment, SimulatorMount mount)
    {
        if (await ReadFormAsync(http).ConfigureAwait(false) is not { } form)
        {
            return NotAForm();
        }

        return Guarded(() =>
        {
            var result = enrollment.CompleteCheckout(id, new PacCredentials(form["username"].ToString(), form["password"].ToString(), form["account_number"].ToString(), form["mfa_code"].ToString()), null);
            return result.Succeeded ? Results.Redirect(result.RedirectTo) : Checkout(id, enrollment, mount, result.ErrorReason);
        }, error => Checkout(id, enrollment, mount, error));
    }

    private static async Task<IResult> CompleteCardAsync(string id, HttpContext http, EnrollmentService enrollment, SimulatorMount mount)
    {
        if (await ReadFormAsync(http).ConfigureAwait(false) is not { } form)
        {
            return NotAForm();
        }

        var card = new CardCredentials(form["number"].ToString(), form["expiry"].ToString(), form["cvv"].ToString(), form["holder_name"].ToString(), form["three_ds_code"].ToString());
        if (EnrollmentService.CardNeedsThreeDSecure(card.Number) && string.IsNullOrEmpty(card.ThreeDsCode))
        {
            return Checkout(id, enrollment, mount, error: null, challenge: card);
        }

        return Guarded(() =>
        {
            var result = enrollment.CompleteCheckout(id, null, card);
            return result.Succeeded ? Results.Redirect(result.RedirectTo) : Checkout(id, enrollment, mount, result.ErrorReason);
        }, error => Checkout(id, enrollment, mount, error));
    }

    private static IResult Subscription(string id, string? widgetToken, EnrollmentService enrollment, SimulatorMount mount, string? error)
    {
        var intent = enrollment.FindSubscriptionIntent(id);
        if (intent is null || widgetToken != intent.WidgetToken)
        {
            return Page("Authorization not found", """<p id="not-found">Unknown subscription intent or widget token.</p>""", 404);
        }

        if (intent.Status != "created")
        {
            return Page("Authorization closed", $"""<p id="closed">This authorization is <strong id="intent-status">{E(intent.Status)}</strong>.</p>""");
        }

        return Page("Autoriza el cargo automático", $"""
            <p>{E(intent.BusinessName ?? "The merchant")} asks to charge your bank account automatically (PAC).</p>
            {Error(error)}
            <form id="pac-form" method="post" action="{mount.Prefix}/widget/subscription_intents/{E(id)}">
              <input type="hidden" name="widget_token" value="{E(widgetToken)}">
              {PacFields(TestCredentials.Accounts.Where(account => account.Number != "170086177"))}
              <button id="pac-submit" type="submit">Autorizar</button>
            </form>
            """);
    }

    private static async Task<IResult> AuthorizeAsync(string id, HttpContext http, EnrollmentService enrollment, SimulatorMount mount)
    {
        if (await ReadFormAsync(http).ConfigureAwait(false) is not { } form)
        {
            return NotAForm();
        }

        var token = form["widget_token"].ToString();
        if (enrollment.FindSubscriptionIntent(id) is not { } intent || intent.WidgetToken != token)
        {
            return Page("Authorization not found", """<p id="not-found">Unknown subscription intent or widget token.</p>""", 404);
        }

        return Guarded(() =>
        {
            var result = enrollment.AuthorizeSubscription(id, new PacCredentials(form["username"].ToString(), form["password"].ToString(), form["account_number"].ToString(), form["mfa_code"].ToString()));
            var subscriptionId = result.Subscription?["id"]?.ToString();
            return result.Succeeded
                ? Page("Autorización recibida", $"""<p id="result" class="ok">Authorized. Subscription <strong id="subscription-id">{E(subscriptionId)}</strong> is pending until the bank confirms it.</p>""")
                : Page("Autorización rechazada", $"""<p id="error" class="error" role="alert">The authorization failed: <strong id="error-reason">{E(result.ErrorReason)}</strong>.</p>""");
        }, error => Subscription(id, token, enrollment, mount, error));
    }

    /// <summary>The posted form, or null when the body is not a form (a page is never a 500 on bad input).</summary>
    private static async Task<IFormCollection?> ReadFormAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
        {
            return null;
        }

        try
        {
            return await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception malformed) when (malformed is InvalidDataException or IOException && !http.RequestAborted.IsCancellationRequested)
        {
            // A multipart body that ends before its boundary is an IOException from the form reader, not a fault here.
            return null;
        }
    }

    private static IResult NotAForm() =>
        Page("Not a form", """<p id="error" class="error" role="alert">Submit the page's form (application/x-www-form-urlencoded).</p>""", StatusCodes.Status415UnsupportedMediaType);

    private static IResult Guarded(Func<IResult> action, Func<string, IResult>? onError = null)
    {
        try
        {
            return action();
        }
        catch (FintocApiError error)
        {
            return onError is not null ? onError(error.Message) : Page("Not possible", $"""<p id="error" class="error" role="alert">{E(error.Message)}</p>""", error.Status);
        }
    }
}
