using ModularPayments.Api.Errors;
using ModularPayments.BuildingBlocks.Projections;

namespace ModularPayments.Api.Admin;

public sealed record RebuildAccepted(string Projection, string Status);

/// <summary><c>POST /admin/projections/{name}/rebuild</c>: empty a read model and replay the whole log into it.</summary>
public static class ProjectionAdminEndpoints
{
    public static void Map(IEndpointRouteBuilder admin) =>
        admin.MapPost("/projections/{name}/rebuild", async (string name, ProjectionsHostedService projections, HttpContext context) =>
            {
                if (projections.RequestRebuild(name))
                {
                    return Results.Accepted($"/health", new RebuildAccepted(name, "rebuilding"));
                }

                await ProblemResponses.WriteAsync(context, 404, "not_found", "Not found", $"No projection named '{name}'. Known: {string.Join(", ", projections.Names)}.");
                return Results.Empty;
            })
            .WithTags("Operations")
            .WithName("RebuildProjection")
            .Produces<RebuildAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
