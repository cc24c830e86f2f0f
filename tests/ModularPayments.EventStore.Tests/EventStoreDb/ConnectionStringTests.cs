using System.Net;
using ModularPayments.EventStore.EventStoreDb.Connection;

namespace ModularPayments.EventStore.Tests.EventStoreDb;

public sealed class ConnectionStringTests
{
    [Fact]
    public void An_insecure_single_node()
    {
        var parsed = EventStoreDbConnectionString.Parse("esdb://localhost:2113?tls=false");

        Assert.Equal([new DnsEndPoint("localhost", 2113)], parsed.Nodes);
        Assert.False(parsed.UseTls);
        Assert.False(parsed.HasCredentials);
        Assert.Equal(NodePreference.Leader, parsed.NodePreference);
        Assert.Equal(TimeSpan.FromSeconds(10), parsed.DefaultDeadline);
    }

    [Fact]
    public void Defaults_are_tls_with_certificate_checks_on_port_2113()
    {
        var parsed = EventStoreDbConnectionString.Parse("esdb://eventstore.internal");

        Assert.Equal([new DnsEndPoint("eventstore.internal", 2113)], parsed.Nodes);
        Assert.True(parsed.UseTls);
        Assert.True(parsed.VerifyServerCertificate);
    }

    [Fact]
    public void A_secure_cluster_with_credentials_and_every_setting()
    {
        var parsed = EventStoreDbConnectionString.Parse(
            "ESDB://admin:chan%40geit@node1:2113,node2:2114,[::1]:2115/?TLS=true&tlsVerifyCert=False&nodePreference=follower&defaultDeadline=2500&connectionName=payments");

        Assert.Equal([new DnsEndPoint("node1", 2113), new DnsEndPoint("node2", 2114), new DnsEndPoint("::1", 2115)], parsed.Nodes);
        Assert.True(parsed.UseTls);
        Assert.False(parsed.VerifyServerCertificate);
        Assert.Equal("admin", parsed.UserName);
        Assert.Equal("chan@geit", parsed.Password);
        Assert.Equal(NodePreference.Follower, parsed.NodePreference);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), parsed.DefaultDeadline);
        Assert.Equal("payments", parsed.ConnectionName);
    }

    [Fact]
    public void ToString_hides_the_password()
    {
        var parsed = EventStoreDbConnectionString.Parse("esdb://admin:s3cr3t-pw@node1:2113?tls=true");

        Assert.DoesNotContain("s3cr3t-pw", parsed.ToString(), StringComparison.Ordinal);
        Assert.Contains("admin:***@node1:2113", parsed.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("http://localhost:2113", "must start with esdb://")]
    [InlineData("esdb+discover://cluster.example:2113", "DNS discovery")]
    [InlineData("esdb://", "names no host")]
    [InlineData("esdb://?tls=false", "names no host")]
    [InlineData("esdb://localhost:21x3?tls=false", "'localhost:21x3' has an invalid port")]
    [InlineData("esdb://localhost:0", "'localhost:0' has an invalid port")]
    [InlineData("esdb://localhost:70000", "'localhost:70000' has an invalid port")]
    [InlineData("esdb://node1:2113,,node3:2113", "empty host")]
    [InlineData("esdb://:2113", "':2113' has no host name")]
    [InlineData("esdb://[::1:2113", "opens an IPv6 '['")]
    [InlineData("esdb://bad host:2113", "'bad host:2113' is not a valid host")]
    [InlineData("esdb://localhost:2113/streams", "path")]
    [InlineData("esdb://localhost:2113?tls=maybe", "tls 'maybe' is not true or false")]
    [InlineData("esdb://localhost:2113?tlsVerifyCert=1", "tlsVerifyCert '1' is not true or false")]
    [InlineData("esdb://localhost:2113?nodePreference=nearest", "nodePreference 'nearest'")]
    [InlineData("esdb://localhost:2113?defaultDeadline=-5", "defaultDeadline '-5'")]
    [InlineData("esdb://localhost:2113?keepAliveInterval=10000", "setting 'keepAliveInterval' is not supported")]
    [InlineData("esdb://localhost:2113?tls", "setting 'tls' is not key=value")]
    public void A_bad_connection_string_is_refused_with_a_message_naming_the_bad_part(string connectionString, string expected)
    {
        var failure = Assert.Throws<FormatException>(() => EventStoreDbConnectionString.Parse(connectionString));

        Assert.StartsWith("Invalid EventStoreDB connection string: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("esdb://admin@localhost:2113")]
    [InlineData("esdb://admin:@localhost:2113")]
    [InlineData("esdb://:Pa55word!@localhost:2113")]
    [InlineData("esdb://admin:Pa55word!@localhost:99999")]
    [InlineData("esdb://admin:Pa55word!@localhost:2113?tls=Pa55word!x")]
    public void No_message_repeats_the_password(string connectionString)
    {
        var failure = Assert.Throws<FormatException>(() => EventStoreDbConnectionString.Parse(connectionString));

        Assert.DoesNotContain("Pa55word!", failure.Message.Replace("Pa55word!x", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("admin:", failure.Message, StringComparison.Ordinal);
    }
}
