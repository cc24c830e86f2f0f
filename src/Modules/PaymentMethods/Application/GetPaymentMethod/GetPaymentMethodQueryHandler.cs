using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.PaymentMethods.Application.GetPaymentMethod;

internal sealed class GetPaymentMethodQueryHandler(IPaymentMethodReadModel readModel) : IQueryHandler<GetPaymentMethodQuery, PaymentMethodDto>
{
    public async Task<PaymentMethodDto> Handle(GetPaymentMethodQuery request, CancellationToken cancellationToken) =>
        await readModel.FindAsync(request.PaymentMethodId, cancellationToken)
            ?? throw new NotFoundException(PublicIdKind.PaymentMethod.Resource, PublicIdKind.PaymentMethod.Format(request.PaymentMethodId));
}
