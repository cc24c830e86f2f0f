using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.PaymentMethods.Application.GetPaymentMethod;

public sealed record GetPaymentMethodQuery(Guid PaymentMethodId) : IQuery<PaymentMethodDto>;
