namespace Sigah.Cluster.Membership;

/// <summary>
/// The statements Orleans' ADO.NET clustering reads from <c>OrleansQuery</c>, by key. The provider binds parameters by
/// name (<c>@DeploymentId</c> is the cluster id, <c>@Address</c>/<c>@Port</c>/<c>@Generation</c> a silo) and reads result
/// columns by name, hence the quoted aliases. Every change to a silo's row goes with a compare-and-increment of the
/// cluster's version row in the same statement: <c>@Version</c> is the version the caller read, and a mismatch changes
/// nothing and answers false, which makes the silo read the table again and retry (Orleans' optimistic concurrency).
/// Statements answering true or false return one boolean column.
/// </summary>
internal static class MembershipQueries
{
    private const string Columns = """
        v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
        m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
        m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
        """;

    private const string IsSilo = "m.address = @Address AND m.port = @Port AND m.generation = @Generation";

    /// <summary>Each query key with its statement.</summary>
    public static readonly (string Key, string Text)[] All =
    [
        // Clients: the gateways of the cluster's silos whose status is @Status (Active).
        ("GatewaysQueryKey", """
            SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
            FROM orleans_membership
            WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
            """),
        // One silo's row with the table version; the version row alone (null StartTime) when the silo has none.
        ("MembershipReadRowKey", $"""
            SELECT {Columns}
            FROM orleans_membership_version v
            LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id AND {IsSilo}
            WHERE v.deployment_id = @DeploymentId
            """),
        // Every row with the table version, read in one snapshot.
        ("MembershipReadAllKey", $"""
            SELECT {Columns}
            FROM orleans_membership_version v
            LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
            WHERE v.deployment_id = @DeploymentId
            """),
        // The cluster's version row, at 0; true only for the silo that created it.
        ("InsertMembershipVersionKey", """
            WITH created AS (
                INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
                ON CONFLICT (deployment_id) DO NOTHING
                RETURNING 1)
            SELECT count(*) > 0 FROM created
            """),
        // Heartbeat: touches only the silo's own row and not the version (Orleans ignores the outcome).
        ("UpdateIAmAlivetimeKey", $"""
            UPDATE orleans_membership m SET i_am_alive_time = @IAmAliveTime
            WHERE m.deployment_id = @DeploymentId AND {IsSilo}
            """),
        // A new silo's row, if the version is still @Version and the row is new. The version row is updated first, so
        // writers queue on its lock and a concurrent writer's commit fails the version check when re-read.
        ("InsertMembershipKey", $"""
            WITH bumped AS (
                UPDATE orleans_membership_version v SET version = v.version + 1, changed_at = now()
                WHERE v.deployment_id = @DeploymentId AND v.version = @Version
                  AND NOT EXISTS (SELECT 1 FROM orleans_membership m WHERE m.deployment_id = @DeploymentId AND {IsSilo})
                RETURNING v.deployment_id),
            inserted AS (
                INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name,
                    status, proxy_port, start_time, i_am_alive_time)
                SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName,
                    @Status, @ProxyPort, @StartTime, @IAmAliveTime
                FROM bumped
                RETURNING 1)
            SELECT count(*) > 0 FROM inserted
            """),
        // A silo's status, suspicions and heartbeat, if the version is still @Version and the row exists.
        ("UpdateMembershipKey", $"""
            WITH bumped AS (
                UPDATE orleans_membership_version v SET version = v.version + 1, changed_at = now()
                WHERE v.deployment_id = @DeploymentId AND v.version = @Version
                  AND EXISTS (SELECT 1 FROM orleans_membership m WHERE m.deployment_id = @DeploymentId AND {IsSilo})
                RETURNING v.deployment_id),
            updated AS (
                UPDATE orleans_membership m
                SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
                FROM bumped b
                WHERE m.deployment_id = b.deployment_id AND {IsSilo}
                RETURNING 1)
            SELECT count(*) > 0 FROM updated
            """),
        // The whole cluster: its version row, and with it (cascade) every silo row.
        ("DeleteMembershipTableEntriesKey", """
            DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
            """),
        // Rows of silos no longer active (3 = SiloStatus.Active) whose last heartbeat is older than @IAmAliveTime,
        // as Orleans' in-memory table does; the version stays, since no live silo's view changes.
        ("CleanupDefunctSiloEntriesKey", """
            DELETE FROM orleans_membership
            WHERE deployment_id = @DeploymentId AND status <> 3 AND i_am_alive_time < @IAmAliveTime
            """),
    ];
}
