import Foundation
import HTTPTestSupport
import NIOCore

/// Local servers in each provider's shapes for `count` customers, answering every request after `latency`:
/// what the remote benchmarks load the customers table from.
enum RemoteServers {
    /// Lago: `/customers` pages with `total_pages`, one active subscription per customer, its current usage.
    static func lago(customers count: Int, latency: TimeAmount) throws -> TestHTTPServer {
        let pages = max(1, (count + 99) / 100)
        return try TestHTTPServer { request in
            let path = request.path
            var body = "{}"
            if path == "/api/v1/customers" {
                let page = Int(request.query["page"] ?? "1") ?? 1
                let items = ((page - 1) * 100..<min(page * 100, count)).map {
                    #"{"external_id": "c\#($0)", "name": "Customer \#($0)", "currency": "EUR"}"#
                }
                let next = page < pages ? String(page + 1) : "null"
                body =
                    #"{"customers": [\#(items.joined(separator: ","))], "meta": {"current_page": \#(page), "next_page": \#(next), "total_pages": \#(pages), "total_count": \#(count)}}"#
            } else if path == "/api/v1/subscriptions" {
                let owner = request.query["external_customer_id"] ?? ""
                body =
                    #"{"subscriptions": [{"external_id": "s-\#(owner)", "status": "active", "started_at": "2026-01-01T00:00:00Z"}], "meta": {"next_page": null}}"#
            } else if path.hasSuffix("/current_usage") {
                body =
                    #"{"customer_usage": {"from_datetime": "2026-11-01T00:00:00Z", "to_datetime": "2026-11-30T23:59:59Z", "currency": "EUR", "amount_cents": 1200, "charges_usage": [{"units": "12.0", "events_count": 12, "amount_cents": 1200, "charge": {"code": "std", "charge_model": "standard"}, "billable_metric": {"code": "calls", "name": "Calls", "aggregation_type": "count_agg"}, "filters": [], "grouped_usage": []}]}}"#
            }
            return .init(body: body, delay: latency)
        }
    }

    /// Hyperline: `/v1/customers` by `take`/`skip`, per-customer usage, and (when `bulk`) the aggregator's
    /// group-by-customer totals; without it the route answers 404 as a server lacking it would.
    static func hyperline(customers count: Int, latency: TimeAmount, bulk: Bool) throws -> TestHTTPServer {
        try TestHTTPServer { request in
            let path = request.path
            if path == "/v1/customers" {
                let skip = Int(request.query["skip"] ?? "0") ?? 0, take = Int(request.query["take"] ?? "100") ?? 100
                let items = (skip..<min(skip + take, count)).map { #"{"id": "cus_\#($0)", "name": "Customer \#($0)"}"# }
                return .init(
                    body: #"{"meta": {"total": \#(count)}, "data": [\#(items.joined(separator: ","))]}"#, delay: latency
                )
            }
            if path.hasSuffix("/group-by-customer") {
                guard bulk else {
                    return .init(status: .notFound, body: #"{"message": "Cannot POST"}"#, delay: latency)
                }
                let skip = Int(request.body.firstMatch(of: /"skip": ?(\d+)/)?.1 ?? "0") ?? 0
                let items = (skip..<min(skip + 100, count)).map { #"{"customer_id": "cus_\#($0)", "total": 12}"# }
                return .init(
                    body: #"{"meta": {"total": \#(count)}, "data": [\#(items.joined(separator: ","))]}"#, delay: latency
                )
            }
            return .init(
                body: #"[{"aggregator_id": "agg", "name": "Calls", "total": 12, "count": 12}]"#, delay: latency)
        }
    }

    /// Prolifi: `/customers` by `limit`/`offset` and the per-customer usage summary.
    static func prolifi(customers count: Int, latency: TimeAmount) throws -> TestHTTPServer {
        try TestHTTPServer { request in
            if request.path == "/customers" {
                let offset = Int(request.query["offset"] ?? "0") ?? 0,
                    limit = Int(request.query["limit"] ?? "100") ?? 100
                let items = (offset..<min(offset + limit, count)).map {
                    #"{"id": "u\#($0)", "company_name": "Customer \#($0)"}"#
                }
                let more = offset + limit < count
                return .init(
                    body:
                        #"{"data": [\#(items.joined(separator: ","))], "pagination": {"total": \#(count), "limit": \#(limit), "offset": \#(offset), "has_more": \#(more)}}"#,
                    delay: latency)
            }
            return .init(
                body:
                    #"{"data": [{"event_name": "api_call", "count": 12, "last_reported_at": "2026-11-20T10:00:00Z"}]}"#,
                delay: latency)
        }
    }
}
