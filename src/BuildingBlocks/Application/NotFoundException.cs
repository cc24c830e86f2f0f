namespace ModularPayments.BuildingBlocks.Application;

/// <summary>The addressed resource does not exist (HTTP 404).</summary>
public sealed class NotFoundException(string resource, string id)
    : Exception($"No {resource} with id '{id}'.")
{
    public string Resource { get; } = resource;

    public string Id { get; } = id;
}
