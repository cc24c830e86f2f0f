using System.Globalization;
using System.Text.Json.Nodes;
using ModularPayments.Fintoc.Simulator.Api;
using ModularPayments.Fintoc.Simulator.State;
using ModularPayments.Fintoc.Simulator.Time;

namespace ModularPayments.Fintoc.Simulator.Enrollment;

public sealed record PacCredentials(string Username, string Password, string AccountNumber, string? MfaCode);

public sealed record CardCredentials(string Number, string Expiry, string Cvv, string? HolderName, string? ThreeDsCode);

internal sealed record EnrollmentResult(bool Succeeded, string? ErrorReason, JsonObject CheckoutSession, JsonObject? PaymentMethod, string RedirectTo);

internal sealed record SubscriptionResult(bool Succeeded, string? ErrorReason, JsonObject SubscriptionIntent, JsonObject? Subscription);

internal sealed record CheckoutView(string Id, string Status, string Flow, string Currency, IReadOnlyList<string> PaymentMethodTypes, string SuccessUrl, string CancelUrl, string? CustomerName);

internal sealed record SubscriptionIntentView(string Id, string Status, string? BusinessName, string WidgetToken);

/// <summary>
/// Plays the payer's side of Fintoc's hosted steps with the seeds' sandbox credentials: the setup checkout (seed 000)
/// and the subscription authorization (seed 003). The hosted pages and the test-helper routes both come here.
/// </summary>
internal sealed class EnrollmentService(SimulatorState state, SimulatorClock clock, Lifecycle lifecycle)
{
    public static bool CardNeedsThreeDSecure(string number) =>
        TestCredentials.Cards.Any(card => card.Number == Digits(number) && card.ThreeDsCode is not null);

    public CheckoutView? FindCheckout(string id)
    {
        lock (state.Gate)
        {
            if (!state.CheckoutSessions.TryGetValue(id, out var session))
            {
                return null;
            }

            ExpireIfLate(session);
            return new CheckoutView(session.Id, session.Status, session.Flow, session.Currency, session.PaymentMethodTypes, session.SuccessUrl, session.CancelUrl, state.Customers.GetValueOrDefault(session.CustomerId)?.Name);
        }
    }

    public SubscriptionIntentView? FindSubscriptionIntent(string id)
    {
        lock (state.Gate)
        {
            return state.SubscriptionIntents.TryGetValue(id, out var intent)
                ? new SubscriptionIntentView(intent.Id, intent.Status, intent.BusinessProfile?["name"]?.ToString(), intent.WidgetToken)
                : null;
        }
    }

    public EnrollmentResult CompleteCheckout(string sessionId, PacCredentials? pac, CardCredentials? card)
    {
        if ((pac is null) == (card is null))
        {
            throw FintocApiError.Missing("pac");
        }

        lock (state.Gate)
        {
            var now = clock.GetUtcNow();
            var session = OpenSession(sessionId);
            if (session.Flow != "setup")
            {
                throw FintocApiError.Unprocessable("not_supported_flow", "The simulator completes setup sessions only.", "flow");
            }

            var (failure, method) = pac is not null ? EnrollPac(session, pac, now) : EnrollCard(session, card!, now);
            var customer = state.Customers.GetValueOrDefault(session.CustomerId);
            if (failure is not null)
            {
                return new EnrollmentResult(false, failure, Representations.CheckoutSession(session, customer), null, session.CancelUrl);
            }

            state.PaymentMethods[method!.Id] = state.Track(method.Id, method);
            lifecycle.SetupFinished(session, method, now);
            return new EnrollmentResult(true, null, Representations.CheckoutSession(session, customer), Representations.PaymentMethod(method), session.SuccessUrl);
        }
    }

    /// <summary>The payer left: the session expires (and <c>checkout_session.expired</c> is sent); returns the cancel URL.</summary>
    public EnrollmentResult CancelCheckout(string sessionId)
    {
        lock (state.Gate)
        {
            var session = OpenSession(sessionId);
            lifecycle.Expire(session, clock.GetUtcNow());
            return new EnrollmentResult(false, null, Representations.CheckoutSession(session, state.Customers.GetValueOrDefault(session.CustomerId)), null, session.CancelUrl);
        }
    }

    public SubscriptionResult AuthorizeSubscription(string intentId, PacCredentials pac)
    {
        lock (state.Gate)
        {
            var now = clock.GetUtcNow();
            var intent = state.SubscriptionIntents.GetValueOrDefault(intentId) ?? throw FintocApiError.NotFound("subscription_intent", intentId);
            if (intent.Status != "created")
            {
                throw FintocApiError.Conflict("invalid_status", $"This subscription intent is {intent.Status}; only a created one can be authorized.", "id");
            }

            var (failure, account) = CheckPac(pac);
            if (failure is not null)
            {
                lifecycle.SubscriptionFailed(intent, failure, now);
                return new SubscriptionResult(false, failure, Representations.SubscriptionIntent(intent, null, includeWidgetToken: false), null);
            }

            var subscription = new SimSubscription { Id = Ids.New("sub_"), ReferenceId = intent.ReferenceId, Account = account!, CreatedAt = now };
            state.Subscriptions[subscription.Id] = state.Track(subscription.Id, subscription);
            lifecycle.SubscriptionAuthorized(intent, subscription, now);
            return new SubscriptionResult(true, null, Representations.SubscriptionIntent(intent, subscription, includeWidgetToken: false), Representations.Subscription(subscription));
        }
    }

    private SimCheckoutSession OpenSession(string id)
    {
        var session = state.CheckoutSessions.GetValueOrDefault(id) ?? throw FintocApiError.NotFound("checkout_session", id);
        ExpireIfLate(session);
        return session.Status == "created"
            ? session
            : throw FintocApiError.Conflict("invalid_status", $"This checkout session is {session.Status}; it cannot be completed.", "id");
    }

    private void ExpireIfLate(SimCheckoutSession session)
    {
        if (session.Status == "created" && clock.GetUtcNow() >= session.ExpiresAt)
        {
            lifecycle.Expire(session, session.ExpiresAt);
        }
    }

    private (string? Failure, SimPaymentMethod? Method) EnrollPac(SimCheckoutSession session, PacCredentials pac, DateTimeOffset now)
    {
        if (!session.PaymentMethodTypes.Contains("pac"))
        {
            throw FintocApiError.Invalid("pac", "This session does not offer PAC.");
        }

        var (failure, account) = CheckPac(pac);
        return failure is not null
            ? (failure, null)
            : (null, new SimPaymentMethod { Id = Ids.New("pm_"), Type = "pac", CustomerId = session.CustomerId, Pac = account, CreatedAt = now, Status = "pending" });
    }

    private (string? Failure, SimPaymentMethod? Method) EnrollCard(SimCheckoutSession session, CardCredentials card, DateTimeOffset now)
    {
        if (!session.PaymentMethodTypes.Contains("card"))
        {
            throw FintocApiError.Invalid("card", "This session does not offer cards.");
        }

        var number = Digits(card.Number);
        if (number.Length is < 13 or > 19)
        {
            throw FintocApiError.Invalid("card.number", "card.number must have 13 to 19 digits.");
        }

        if (Digits(card.Cvv).Length is < 3 or > 4)
        {
            throw FintocApiError.Invalid("card.cvv", "card.cvv must have 3 or 4 digits.");
        }

        var (month, year) = ParseExpiry(card.Expiry);
        var local = ChileBusinessCalendar.LocalDate(now);
        if (year < local.Year || (year == local.Year && month < local.Month))
        {
            return (FailureReasons.InvalidCard, null);
        }

        var known = TestCredentials.Cards.FirstOrDefault(candidate => candidate.Number == number);
        if (known is null)
        {
            return (FailureReasons.InvalidCard, null);
        }

        if (known.FailureReason is not null)
        {
            return (known.FailureReason, null);
        }

        if (known.ThreeDsCode is not null && TestCredentials.NormalizeCode(card.ThreeDsCode) != known.ThreeDsCode)
        {
            return (FailureReasons.AuthenticationFailed, null);
        }

        return (null, new SimPaymentMethod
        {
            Id = Ids.New("pm_"),
            Type = "card",
            CustomerId = session.CustomerId,
            Card = new CardDetails("visa", number[^4..], month, year, card.HolderName),
            CreatedAt = now,
            Status = "pending",
        });
    }

    private static (string? Failure, PacAccount? Account) CheckPac(PacCredentials pac)
    {
        if (string.IsNullOrWhiteSpace(pac.Username))
        {
            throw FintocApiError.Missing("pac.username");
        }

        if (string.IsNullOrWhiteSpace(pac.AccountNumber))
        {
            throw FintocApiError.Missing("pac.account_number");
        }

        var username = TestCredentials.NormalizeUsername(pac.Username);
        if (!TestCredentials.Usernames.Contains(username) || pac.Password != TestCredentials.Password)
        {
            return (FailureReasons.LoginInvalidCredentials, null);
        }

        var account = TestCredentials.Accounts.FirstOrDefault(candidate => candidate.Number == pac.AccountNumber.Trim())
            ?? throw FintocApiError.Invalid("pac.account_number", $"Not a sandbox account. Use one of {string.Join(", ", TestCredentials.Accounts.Select(a => a.Number))}.");
        var failure = account.SecondFactor switch
        {
            SecondFactor.MobileAppApproves => null,
            SecondFactor.MobileAppRejects => FailureReasons.AuthorizationFailed,
            _ => TestCredentials.NormalizeCode(pac.MfaCode) == account.Code ? null : FailureReasons.MfaInvalidAuthorization,
        };
        return failure is not null
            ? (failure, null)
            : (null, new PacAccount(FormatRut(username), account.Number, "checking_account", "cl_banco_falabella", "Banco Falabella"));
    }

    private static (int Month, int Year) ParseExpiry(string expiry)
    {
        var parts = (expiry ?? "").Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year) && parts[1].Length is 2 or 4)
        {
            return (month, parts[1].Length == 2 ? 2000 + year : year);
        }

        throw FintocApiError.Invalid("card.expiry", "card.expiry must be MM/YY.");
    }

    private static string Digits(string? value) => new((value ?? "").Where(char.IsAsciiDigit).ToArray());

    private static string FormatRut(string normalized)
    {
        var body = long.Parse(normalized[..^1], CultureInfo.InvariantCulture).ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.');
        return $"{body}-{normalized[^1]}";
    }
}
