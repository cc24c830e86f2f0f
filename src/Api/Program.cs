using ModularPayments.Api;

var app = ServiceHost.Build(args);
app.Run();

/// <summary>Entry point; public so integration tests can host it.</summary>
public partial class Program;
