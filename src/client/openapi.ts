// Types of Roster's API, generated from its OpenAPI document by openapi-typescript.
// Do not edit: run `npm run generate:client` after changing a route's schema.

export interface paths {
    "/_roster/clock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move the clock */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Move the clock forward */
                        advance_seconds?: number;
                        /**
                         * @description Back to real time
                         * @enum {boolean}
                         */
                        real?: true;
                        /** @description Pin the clock to this RFC 3339 time */
                        set?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description RFC 3339 time */
                            now: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            errors: string[];
                            "field-errors": {
                                [key: string]: string;
                            };
                        } | {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_roster/faults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the fault rules */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rules: {
                                count: number | null;
                                credential_id: string | null;
                                drop: "before_body" | "after_body" | null;
                                fired: number;
                                id: string;
                                latency_ms: number;
                                method: string;
                                organization_id: string | null;
                                phase: "before_commit" | "after_commit";
                                probability: number;
                                retry_after_seconds: number;
                                route: string;
                                status: number | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        /**
         * Set the fault rules
         * @description Each rule matches a method and a route (OpenAPI `{param}` form) and answers with a status, adds latency, or drops the connection, before or after the write commits, `count` times or with a `probability` (drawn from `seed` when given).
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        rules: {
                            count?: number | null;
                            credential_id?: string | null;
                            drop?: "before_body" | "after_body" | null;
                            latency_ms?: number;
                            /** @description An HTTP method, or * for any */
                            method: string;
                            organization_id?: string | null;
                            phase?: "before_commit" | "after_commit";
                            probability?: number;
                            retry_after_seconds?: number;
                            /** @description OpenAPI route such as /api/v1/membership/{id}/, a concrete path, or * */
                            route: string;
                            /** @description 400, 401, 403, 404, 409, 429, 500, 502, 503 or 504 (default 503); null: none */
                            status?: number | null;
                        }[];
                        /** @description Seeds the probability draws */
                        seed?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rules: {
                                count: number | null;
                                credential_id: string | null;
                                drop: "before_body" | "after_body" | null;
                                fired: number;
                                id: string;
                                latency_ms: number;
                                method: string;
                                organization_id: string | null;
                                phase: "before_commit" | "after_commit";
                                probability: number;
                                retry_after_seconds: number;
                                route: string;
                                status: number | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            errors: string[];
                            "field-errors": {
                                [key: string]: string;
                            };
                        } | {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Clear the fault rules */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_roster/journal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the request journal
         * @description Every request to /api/v1/ with its method, path, route, query, headers (credentials redacted), body, status and response.
         */
        get: {
            parameters: {
                query?: {
                    method?: string;
                    route?: string;
                    /** @description RFC 3339 time: entries at or after it */
                    since?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                body: unknown;
                                date: string;
                                fault_id: string | null;
                                headers: {
                                    [key: string]: string | string[];
                                };
                                method: string;
                                path: string;
                                query: {
                                    [key: string]: string | string[];
                                };
                                response: unknown;
                                route: string | null;
                                status: number | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            errors: string[];
                            "field-errors": {
                                [key: string]: string;
                            };
                        } | {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Empty the request journal */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_roster/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset the test double
         * @description Puts the database back to its seeded state, clears fault rules and the journal, and returns the clock to real time.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_roster/snapshots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take a database snapshot */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_roster/snapshots/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restore a database snapshot */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/event/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List events */
        get: {
            parameters: {
                query?: {
                    _cursor?: string;
                    _fields?: string;
                    /** @description Events per page (default and max 50) */
                    _limit?: string;
                    action?: string;
                    date_updated__gt?: string;
                    date_updated__gte?: string;
                    date_updated__lt?: string;
                    date_updated__lte?: string;
                    object_id?: string;
                    object_type?: string;
                    request_id?: string;
                    user_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cursor_next: string | null;
                            cursor_previous: string | null;
                            data: {
                                action: string;
                                api_key_id: string | null;
                                changed_fields: string[];
                                data: {
                                    [key: string]: unknown;
                                } | null;
                                /** @description ISO 8601, UTC, microseconds */
                                date_created: string;
                                /** @description ISO 8601, UTC, microseconds */
                                date_updated: string;
                                id: string;
                                meta: {
                                    request_method: string;
                                    request_path: string;
                                };
                                oauth_app_id: string | null;
                                object_id: string;
                                object_type: string;
                                organization_id: string;
                                previous_data: {
                                    [key: string]: unknown;
                                } | null;
                                request_id: string | null;
                                user_id: string | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            errors: string[];
                            "field-errors": {
                                [key: string]: string;
                            };
                        } | {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/event/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve an event */
        get: {
            parameters: {
                query?: {
                    /** @description Comma-separated top-level fields to return */
                    _fields?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: string;
                            api_key_id: string | null;
                            changed_fields: string[];
                            data: {
                                [key: string]: unknown;
                            } | null;
                            /** @description ISO 8601, UTC, microseconds */
                            date_created: string;
                            /** @description ISO 8601, UTC, microseconds */
                            date_updated: string;
                            id: string;
                            meta: {
                                request_method: string;
                                request_path: string;
                            };
                            oauth_app_id: string | null;
                            object_id: string;
                            object_type: string;
                            organization_id: string;
                            previous_data: {
                                [key: string]: unknown;
                            } | null;
                            request_id: string | null;
                            user_id: string | null;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness
         * @description The process is up. Unauthenticated, outside `/api/v1`.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve your own user */
        get: {
            parameters: {
                query?: {
                    /** @description Comma-separated top-level fields to return */
                    _fields?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description ISO 8601, UTC, microseconds */
                            date_created: string;
                            /** @description ISO 8601, UTC, microseconds */
                            date_updated: string;
                            email: string;
                            first_name: string;
                            id: string;
                            image: string | null;
                            last_name: string;
                            memberships: {
                                /** @enum {unknown} */
                                auto_record_calls: "unset" | "enabled" | "disabled";
                                /** @description ISO 8601, UTC, microseconds */
                                date_created: string;
                                /** @description ISO 8601, UTC, microseconds */
                                date_updated: string;
                                default_caller_id: string | null;
                                /** @enum {unknown} */
                                default_caller_id_mode: "fixed" | "auto";
                                hangup_recording_url: string | null;
                                id: string;
                                is_free: boolean;
                                may_workflows_impersonate: boolean;
                                onboarding_status: string;
                                organization_id: string;
                                permissions_granted: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                                primary_personal_number: string | null;
                                role: string;
                                role_id: string;
                                track_email_opens: boolean;
                                user_id: string;
                            }[];
                            organizations: {
                                created_by: string | null;
                                /** @description ISO 8601, UTC, microseconds */
                                date_created: string;
                                /** @description ISO 8601, UTC, microseconds */
                                date_updated: string;
                                id: string;
                                name: string;
                                updated_by: string | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/membership/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List memberships (Roster extension) */
        get: {
            parameters: {
                query?: {
                    _expand?: "user";
                    _fields?: string;
                    /** @description How many objects to return (default and max 100) */
                    _limit?: string;
                    /** @description How many objects to skip (default 0) */
                    _skip?: string;
                    query?: string;
                    role_id?: string;
                    status?: "active" | "inactive";
                    user_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @enum {unknown} */
                                auto_record_calls: "unset" | "enabled" | "disabled";
                                /** @description ISO 8601, UTC, microseconds */
                                date_created: string;
                                /** @description ISO 8601, UTC, microseconds */
                                date_updated: string;
                                default_caller_id: string | null;
                                /** @enum {unknown} */
                                default_caller_id_mode: "fixed" | "auto";
                                hangup_recording_url: string | null;
                                id: string;
                                is_free: boolean;
                                may_workflows_impersonate: boolean;
                                onboarding_status: string;
                                organization_id: string;
                                permissions_granted: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                                primary_personal_number: string | null;
                                role: string;
                                role_id: string;
                                track_email_opens: boolean;
                                user?: {
                                    email: string;
                                    first_name: string;
                                    id: string;
                                    last_name: string;
                                };
                                user_id: string;
                            }[];
                            has_more: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            errors: string[];
                            "field-errors": {
                                [key: string]: string;
                            };
                        } | {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        /**
         * Bulk update memberships
         * @description `id__in` in the query or in `_params` of the body. All or nothing.
         */
        put: {
            parameters: {
                query?: {
                    /** @description Roster extension: `true` runs every check and answers what would be written, plus `permission_diff`, without committing anything. */
                    dry_run?: "true" | "false";
                    /** @description Comma-separated membership IDs, at most 1000 */
                    id__in?: string;
                };
                header?: {
                    /** @description Roster extension: 1–255 printable ASCII characters, per user and organization, kept 24 h. A retry of the same request replays the first answer (with `Idempotent-Replayed: true`); another request with the key → 422; while the first still runs → 409. */
                    "idempotency-key"?: string;
                    /** @description Not supported here: 400 if sent. */
                    "if-match"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        auto_record_calls?: "enabled" | "disabled";
                        default_caller_id?: string | null;
                        /** @enum {unknown} */
                        default_caller_id_mode?: "fixed" | "auto";
                        /** Format: uri */
                        hangup_recording_url?: string | null;
                        may_workflows_impersonate?: boolean;
                        role_id?: string;
                        track_email_opens?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description Roster extension: `true` when this is the stored answer to an earlier request. */
                        "Idempotent-Replayed"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            /** @description Dry runs only (Roster extension). */
                            permission_diff?: {
                                gained: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                                lost: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                                membership_id: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            errors: string[];
                            "field-errors": {
                                [key: string]: string;
                            };
                        } | {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description A request with this Idempotency-Key is still running. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description This Idempotency-Key was used for another request. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        /**
         * Create or re-activate a membership
         * @description Needs the organization to restrict new users to its verified email domains, an email on one of them, and a role without manage_organization.
         */
        post: {
            parameters: {
                query?: {
                    /** @description Comma-separated top-level fields to return */
                    _fields?: string;
                    /** @description Roster extension: `true` runs every check and answers what would be written, plus `permission_diff`, without committing anything. */
                    dry_run?: "true" | "false";
                };
                header?: {
                    /** @description Roster extension: 1–255 printable ASCII characters, per user and organization, kept 24 h. A retry of the same request replays the first answer (with `Idempotent-Replayed: true`); another request with the key → 422; while the first still runs → 409. */
                    "idempotency-key"?: string;
                    /** @description Not supported here: 400 if sent. */
                    "if-match"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        role_id: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description Roster extension: the object's strong entity tag (changes whenever it does). */
                        ETag?: string;
                        /** @description Roster extension: `true` when this is the stored answer to an earlier request. */
                        "Idempotent-Replayed"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {unknown} */
                            auto_record_calls: "unset" | "enabled" | "disabled";
                            /** @description ISO 8601, UTC, microseconds */
                            date_created: string;
                            /** @description ISO 8601, UTC, microseconds */
                            date_updated: string;
                            default_caller_id: string | null;
                            /** @enum {unknown} */
                            default_caller_id_mode: "fixed" | "auto";
                            hangup_recording_url: string | null;
                            id: string;
                            is_free: boolean;
                            may_workflows_impersonate: boolean;
                            onboarding_status: string;
                            organization_id: string;
                            /** @description Dry runs only (Roster extension). */
                            permission_diff?: {
                                gained: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                                lost: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                                membership_id: string;
                            }[];
                            permissions_granted: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                            primary_personal_number: string | null;
                            role: string;
                            role_id: string;
                            track_email_opens: boolean;
                            user_id: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            errors: string[];
                            "field-errors": {
                                [key: string]: string;
                            };
                        } | {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description A request with this Idempotency-Key is still running. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description This Idempotency-Key was used for another request. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/membership/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve a membership (Roster extension) */
        get: {
            parameters: {
                query?: {
                    /** @description Comma-separated top-level fields to return */
                    _fields?: string;
                };
                header?: {
                    /** @description Roster extension: an ETag you hold; 304 while the object has not changed. */
                    "if-none-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description Roster extension: the object's strong entity tag (changes whenever it does). */
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {unknown} */
                            auto_record_calls: "unset" | "enabled" | "disabled";
                            /** @description ISO 8601, UTC, microseconds */
                            date_created: string;
                            /** @description ISO 8601, UTC, microseconds */
                            date_updated: string;
                            default_caller_id: string | null;
                            /** @enum {unknown} */
                            default_caller_id_mode: "fixed" | "auto";
                            hangup_recording_url: string | null;
                            id: string;
                            is_free: boolean;
                            may_workflows_impersonate: boolean;
                            onboarding_status: string;
                            organization_id: string;
                            permissions_granted: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                            primary_personal_number: string | null;
                            role: string;
                            role_id: string;
                            track_email_opens: boolean;
                            user_id: string;
                        };
                    };
                };
                /** @description Not Modified (Roster extension): your copy is current. */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        /**
         * Update a membership
         * @description Partial update. `role_id` is `admin`, `superuser`, `user`, `restricteduser` or a Role ID; `auto_record_calls` goes from `unset` to `enabled` or `disabled`.
         */
        put: {
            parameters: {
                query?: {
                    /** @description Comma-separated top-level fields to return */
                    _fields?: string;
                    /** @description Roster extension: `true` runs every check and answers what would be written, plus `permission_diff`, without committing anything. */
                    dry_run?: "true" | "false";
                };
                header?: {
                    /** @description Roster extension: 1–255 printable ASCII characters, per user and organization, kept 24 h. A retry of the same request replays the first answer (with `Idempotent-Replayed: true`); another request with the key → 422; while the first still runs → 409. */
                    "idempotency-key"?: string;
                    /** @description Roster extension: the ETag you read (or `*`); 412 if the object changed since. Checked inside the write's transaction. */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        auto_record_calls?: "enabled" | "disabled";
                        default_caller_id?: string | null;
                        /** @enum {unknown} */
                        default_caller_id_mode?: "fixed" | "auto";
                        /** Format: uri */
                        hangup_recording_url?: string | null;
                        may_workflows_impersonate?: boolean;
                        role_id?: string;
                        track_email_opens?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description Roster extension: the object's strong entity tag (changes whenever it does). */
                        ETag?: string;
                        /** @description Roster extension: `true` when this is the stored answer to an earlier request. */
                        "Idempotent-Replayed"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {unknown} */
                            auto_record_calls: "unset" | "enabled" | "disabled";
                            /** @description ISO 8601, UTC, microseconds */
                            date_created: string;
                            /** @description ISO 8601, UTC, microseconds */
                            date_updated: string;
                            default_caller_id: string | null;
                            /** @enum {unknown} */
                            default_caller_id_mode: "fixed" | "auto";
                            hangup_recording_url: string | null;
                            id: string;
                            is_free: boolean;
                            may_workflows_impersonate: boolean;
                            onboarding_status: string;
                            organization_id: string;
                            /** @description Dry runs only (Roster extension). */
                            permission_diff?: {
                                gained: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                                lost: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                                membership_id: string;
                            }[];
                            permissions_granted: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                            primary_personal_number: string | null;
                            role: string;
                            role_id: string;
                            track_email_opens: boolean;
                            user_id: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            errors: string[];
                            "field-errors": {
                                [key: string]: string;
                            };
                        } | {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description A request with this Idempotency-Key is still running. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Precondition Failed: If-Match does not match. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description This Idempotency-Key was used for another request. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Deactivate a membership */
        delete: {
            parameters: {
                query?: {
                    /** @description Roster extension: `true` runs every check and answers what would be written, plus `permission_diff`, without committing anything. */
                    dry_run?: "true" | "false";
                };
                header?: {
                    /** @description Roster extension: 1–255 printable ASCII characters, per user and organization, kept 24 h. A retry of the same request replays the first answer (with `Idempotent-Replayed: true`); another request with the key → 422; while the first still runs → 409. */
                    "idempotency-key"?: string;
                    /** @description Roster extension: the ETag you read (or `*`); 412 if the object changed since. Checked inside the write's transaction. */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description Roster extension: `true` when this is the stored answer to an earlier request. */
                        "Idempotent-Replayed"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Dry runs only (Roster extension). */
                            permission_diff?: {
                                gained: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                                lost: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                                membership_id: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            errors: string[];
                            "field-errors": {
                                [key: string]: string;
                            };
                        } | {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description A request with this Idempotency-Key is still running. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Precondition Failed: If-Match does not match. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description This Idempotency-Key was used for another request. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/membership/{id}/pinned_views/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a membership's pinned saved views */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            saved_view_ids: string[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        /** Replace a membership's pinned saved views */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Roster extension: 1–255 printable ASCII characters, per user and organization, kept 24 h. A retry of the same request replays the first answer (with `Idempotent-Replayed: true`); another request with the key → 422; while the first still runs → 409. */
                    "idempotency-key"?: string;
                    /** @description Not supported here: 400 if sent. */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        saved_view_ids: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description Roster extension: `true` when this is the stored answer to an earlier request. */
                        "Idempotent-Replayed"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            saved_view_ids: string[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            errors: string[];
                            "field-errors": {
                                [key: string]: string;
                            };
                        } | {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description A request with this Idempotency-Key is still running. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description This Idempotency-Key was used for another request. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Prometheus text format. Outside `/api/v1`; behind `Authorization: Bearer <METRICS_TOKEN>` when that is set.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organization/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve an organization */
        get: {
            parameters: {
                query?: {
                    /** @description memberships__user,inactive_memberships__user nests each member's user */
                    _expand?: string;
                    _fields?: string;
                };
                header?: {
                    /** @description Roster extension: an ETag you hold; 304 while the object has not changed. */
                    "if-none-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description Roster extension: the object's strong entity tag (changes whenever it does). */
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_by: string | null;
                            /** @description ISO 8601, UTC, microseconds */
                            date_created: string;
                            /** @description ISO 8601, UTC, microseconds */
                            date_updated: string;
                            id: string;
                            inactive_memberships: {
                                /** @enum {unknown} */
                                auto_record_calls: "unset" | "enabled" | "disabled";
                                /** @description ISO 8601, UTC, microseconds */
                                date_created: string;
                                /** @description ISO 8601, UTC, microseconds */
                                date_updated: string;
                                default_caller_id: string | null;
                                /** @enum {unknown} */
                                default_caller_id_mode: "fixed" | "auto";
                                hangup_recording_url: string | null;
                                id: string;
                                is_free: boolean;
                                may_workflows_impersonate: boolean;
                                onboarding_status: string;
                                organization_id: string;
                                permissions_granted: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                                primary_personal_number: string | null;
                                role: string;
                                role_id: string;
                                track_email_opens: boolean;
                                user?: {
                                    /** @description ISO 8601, UTC, microseconds */
                                    date_created: string;
                                    /** @description ISO 8601, UTC, microseconds */
                                    date_updated: string;
                                    email: string;
                                    first_name: string;
                                    id: string;
                                    image: string | null;
                                    last_name: string;
                                };
                                user_email?: string;
                                user_first_name?: string;
                                user_full_name?: string;
                                user_id: string;
                                user_last_name?: string;
                            }[];
                            memberships: {
                                /** @enum {unknown} */
                                auto_record_calls: "unset" | "enabled" | "disabled";
                                /** @description ISO 8601, UTC, microseconds */
                                date_created: string;
                                /** @description ISO 8601, UTC, microseconds */
                                date_updated: string;
                                default_caller_id: string | null;
                                /** @enum {unknown} */
                                default_caller_id_mode: "fixed" | "auto";
                                hangup_recording_url: string | null;
                                id: string;
                                is_free: boolean;
                                may_workflows_impersonate: boolean;
                                onboarding_status: string;
                                organization_id: string;
                                permissions_granted: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                                primary_personal_number: string | null;
                                role: string;
                                role_id: string;
                                track_email_opens: boolean;
                                user?: {
                                    /** @description ISO 8601, UTC, microseconds */
                                    date_created: string;
                                    /** @description ISO 8601, UTC, microseconds */
                                    date_updated: string;
                                    email: string;
                                    first_name: string;
                                    id: string;
                                    image: string | null;
                                    last_name: string;
                                };
                                user_email?: string;
                                user_first_name?: string;
                                user_full_name?: string;
                                user_id: string;
                                user_last_name?: string;
                            }[];
                            name: string;
                            /** @description Roster's name: must be true for membership create to work */
                            restrict_new_users_to_verified_domains: boolean;
                            updated_by: string | null;
                            /** @description Roster's name: the domains membership create accepts emails from */
                            verified_email_domains: string[];
                        };
                    };
                };
                /** @description Not Modified (Roster extension): your copy is current. */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        /** Update an organization */
        put: {
            parameters: {
                query?: {
                    /** @description memberships__user,inactive_memberships__user nests each member's user */
                    _expand?: string;
                    _fields?: string;
                };
                header?: {
                    /** @description Roster extension: 1–255 printable ASCII characters, per user and organization, kept 24 h. A retry of the same request replays the first answer (with `Idempotent-Replayed: true`); another request with the key → 422; while the first still runs → 409. */
                    "idempotency-key"?: string;
                    /** @description Roster extension: the ETag you read (or `*`); 412 if the object changed since. Checked inside the write's transaction. */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        restrict_new_users_to_verified_domains?: boolean;
                        verified_email_domains?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description Roster extension: the object's strong entity tag (changes whenever it does). */
                        ETag?: string;
                        /** @description Roster extension: `true` when this is the stored answer to an earlier request. */
                        "Idempotent-Replayed"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_by: string | null;
                            /** @description ISO 8601, UTC, microseconds */
                            date_created: string;
                            /** @description ISO 8601, UTC, microseconds */
                            date_updated: string;
                            id: string;
                            inactive_memberships: {
                                /** @enum {unknown} */
                                auto_record_calls: "unset" | "enabled" | "disabled";
                                /** @description ISO 8601, UTC, microseconds */
                                date_created: string;
                                /** @description ISO 8601, UTC, microseconds */
                                date_updated: string;
                                default_caller_id: string | null;
                                /** @enum {unknown} */
                                default_caller_id_mode: "fixed" | "auto";
                                hangup_recording_url: string | null;
                                id: string;
                                is_free: boolean;
                                may_workflows_impersonate: boolean;
                                onboarding_status: string;
                                organization_id: string;
                                permissions_granted: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                                primary_personal_number: string | null;
                                role: string;
                                role_id: string;
                                track_email_opens: boolean;
                                user?: {
                                    /** @description ISO 8601, UTC, microseconds */
                                    date_created: string;
                                    /** @description ISO 8601, UTC, microseconds */
                                    date_updated: string;
                                    email: string;
                                    first_name: string;
                                    id: string;
                                    image: string | null;
                                    last_name: string;
                                };
                                user_email?: string;
                                user_first_name?: string;
                                user_full_name?: string;
                                user_id: string;
                                user_last_name?: string;
                            }[];
                            memberships: {
                                /** @enum {unknown} */
                                auto_record_calls: "unset" | "enabled" | "disabled";
                                /** @description ISO 8601, UTC, microseconds */
                                date_created: string;
                                /** @description ISO 8601, UTC, microseconds */
                                date_updated: string;
                                default_caller_id: string | null;
                                /** @enum {unknown} */
                                default_caller_id_mode: "fixed" | "auto";
                                hangup_recording_url: string | null;
                                id: string;
                                is_free: boolean;
                                may_workflows_impersonate: boolean;
                                onboarding_status: string;
                                organization_id: string;
                                permissions_granted: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                                primary_personal_number: string | null;
                                role: string;
                                role_id: string;
                                track_email_opens: boolean;
                                user?: {
                                    /** @description ISO 8601, UTC, microseconds */
                                    date_created: string;
                                    /** @description ISO 8601, UTC, microseconds */
                                    date_updated: string;
                                    email: string;
                                    first_name: string;
                                    id: string;
                                    image: string | null;
                                    last_name: string;
                                };
                                user_email?: string;
                                user_first_name?: string;
                                user_full_name?: string;
                                user_id: string;
                                user_last_name?: string;
                            }[];
                            name: string;
                            /** @description Roster's name: must be true for membership create to work */
                            restrict_new_users_to_verified_domains: boolean;
                            updated_by: string | null;
                            /** @description Roster's name: the domains membership create accepts emails from */
                            verified_email_domains: string[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            errors: string[];
                            "field-errors": {
                                [key: string]: string;
                            };
                        } | {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description A request with this Idempotency-Key is still running. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Precondition Failed: If-Match does not match. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description This Idempotency-Key was used for another request. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness
         * @description Runs every readiness check. Unauthenticated, outside `/api/v1`.
         */
        get: operations["getReady"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/role/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List roles */
        get: {
            parameters: {
                query?: {
                    _fields?: string;
                    /** @description How many objects to return (default and max 100) */
                    _limit?: string;
                    /** @description How many objects to skip (default 0) */
                    _skip?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @description ISO 8601, UTC, microseconds */
                                date_created: string;
                                /** @description ISO 8601, UTC, microseconds */
                                date_updated: string;
                                editable: boolean;
                                id: string;
                                name: string;
                                organization_id: string;
                                permissions: string[];
                                visibility_user_lcf_behavior: string | null;
                                visibility_user_lcf_ids: string[] | null;
                            }[];
                            has_more: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            errors: string[];
                            "field-errors": {
                                [key: string]: string;
                            };
                        } | {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a role */
        post: {
            parameters: {
                query?: {
                    /** @description Comma-separated top-level fields to return */
                    _fields?: string;
                    /** @description Roster extension: `true` runs every check and answers what would be written, plus `permission_diff`, without committing anything. */
                    dry_run?: "true" | "false";
                };
                header?: {
                    /** @description Roster extension: 1–255 printable ASCII characters, per user and organization, kept 24 h. A retry of the same request replays the first answer (with `Idempotent-Replayed: true`); another request with the key → 422; while the first still runs → 409. */
                    "idempotency-key"?: string;
                    /** @description Not supported here: 400 if sent. */
                    "if-match"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        permissions?: string[];
                        /** @enum {string|null} */
                        visibility_user_lcf_behavior?: "require_assignment" | "allow_unassigned" | null;
                        visibility_user_lcf_ids?: string[] | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description Roster extension: the object's strong entity tag (changes whenever it does). */
                        ETag?: string;
                        /** @description Roster extension: `true` when this is the stored answer to an earlier request. */
                        "Idempotent-Replayed"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description ISO 8601, UTC, microseconds */
                            date_created: string;
                            /** @description ISO 8601, UTC, microseconds */
                            date_updated: string;
                            editable: boolean;
                            id: string;
                            name: string;
                            organization_id: string;
                            /** @description Dry runs only (Roster extension). */
                            permission_diff?: {
                                gained: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                                lost: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                                membership_id: string;
                            }[];
                            permissions: string[];
                            visibility_user_lcf_behavior: string | null;
                            visibility_user_lcf_ids: string[] | null;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        /** @description Roster extension: the object's strong entity tag (changes whenever it does). */
                        ETag?: string;
                        /** @description Roster extension: `true` when this is the stored answer to an earlier request. */
                        "Idempotent-Replayed"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description ISO 8601, UTC, microseconds */
                            date_created: string;
                            /** @description ISO 8601, UTC, microseconds */
                            date_updated: string;
                            editable: boolean;
                            id: string;
                            name: string;
                            organization_id: string;
                            permissions: string[];
                            visibility_user_lcf_behavior: string | null;
                            visibility_user_lcf_ids: string[] | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            errors: string[];
                            "field-errors": {
                                [key: string]: string;
                            };
                        } | {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description A request with this Idempotency-Key is still running. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description This Idempotency-Key was used for another request. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/role/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve a role */
        get: {
            parameters: {
                query?: {
                    /** @description Comma-separated top-level fields to return */
                    _fields?: string;
                };
                header?: {
                    /** @description Roster extension: an ETag you hold; 304 while the object has not changed. */
                    "if-none-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description Roster extension: the object's strong entity tag (changes whenever it does). */
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description ISO 8601, UTC, microseconds */
                            date_created: string;
                            /** @description ISO 8601, UTC, microseconds */
                            date_updated: string;
                            editable: boolean;
                            id: string;
                            name: string;
                            organization_id: string;
                            permissions: string[];
                            visibility_user_lcf_behavior: string | null;
                            visibility_user_lcf_ids: string[] | null;
                        };
                    };
                };
                /** @description Not Modified (Roster extension): your copy is current. */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        /** Update a role */
        put: {
            parameters: {
                query?: {
                    /** @description Comma-separated top-level fields to return */
                    _fields?: string;
                    /** @description Roster extension: `true` runs every check and answers what would be written, plus `permission_diff`, without committing anything. */
                    dry_run?: "true" | "false";
                };
                header?: {
                    /** @description Roster extension: 1–255 printable ASCII characters, per user and organization, kept 24 h. A retry of the same request replays the first answer (with `Idempotent-Replayed: true`); another request with the key → 422; while the first still runs → 409. */
                    "idempotency-key"?: string;
                    /** @description Roster extension: the ETag you read (or `*`); 412 if the object changed since. Checked inside the write's transaction. */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        permissions?: string[];
                        /** @enum {string|null} */
                        visibility_user_lcf_behavior?: "require_assignment" | "allow_unassigned" | null;
                        visibility_user_lcf_ids?: string[] | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description Roster extension: the object's strong entity tag (changes whenever it does). */
                        ETag?: string;
                        /** @description Roster extension: `true` when this is the stored answer to an earlier request. */
                        "Idempotent-Replayed"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description ISO 8601, UTC, microseconds */
                            date_created: string;
                            /** @description ISO 8601, UTC, microseconds */
                            date_updated: string;
                            editable: boolean;
                            id: string;
                            name: string;
                            organization_id: string;
                            /** @description Dry runs only (Roster extension). */
                            permission_diff?: {
                                gained: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                                lost: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                                membership_id: string;
                            }[];
                            permissions: string[];
                            visibility_user_lcf_behavior: string | null;
                            visibility_user_lcf_ids: string[] | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            errors: string[];
                            "field-errors": {
                                [key: string]: string;
                            };
                        } | {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description A request with this Idempotency-Key is still running. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Precondition Failed: If-Match does not match. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description This Idempotency-Key was used for another request. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete a role */
        delete: {
            parameters: {
                query?: {
                    /** @description Roster extension: `true` runs every check and answers what would be written, plus `permission_diff`, without committing anything. */
                    dry_run?: "true" | "false";
                };
                header?: {
                    /** @description Roster extension: 1–255 printable ASCII characters, per user and organization, kept 24 h. A retry of the same request replays the first answer (with `Idempotent-Replayed: true`); another request with the key → 422; while the first still runs → 409. */
                    "idempotency-key"?: string;
                    /** @description Roster extension: the ETag you read (or `*`); 412 if the object changed since. Checked inside the write's transaction. */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description Roster extension: `true` when this is the stored answer to an earlier request. */
                        "Idempotent-Replayed"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Dry runs only (Roster extension). */
                            permission_diff?: {
                                gained: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                                lost: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                                membership_id: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            errors: string[];
                            "field-errors": {
                                [key: string]: string;
                            };
                        } | {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description A request with this Idempotency-Key is still running. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Precondition Failed: If-Match does not match. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description This Idempotency-Key was used for another request. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users */
        get: {
            parameters: {
                query?: {
                    _fields?: string;
                    /** @description How many objects to return (default and max 100) */
                    _limit?: string;
                    _order_by?: "first_name,last_name" | "last_name,first_name";
                    /** @description How many objects to skip (default 0) */
                    _skip?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @description ISO 8601, UTC, microseconds */
                                date_created: string;
                                /** @description ISO 8601, UTC, microseconds */
                                date_updated: string;
                                email: string;
                                first_name: string;
                                id: string;
                                image: string | null;
                                last_name: string;
                            }[];
                            has_more: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            errors: string[];
                            "field-errors": {
                                [key: string]: string;
                            };
                        } | {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve a user */
        get: {
            parameters: {
                query?: {
                    /** @description Comma-separated top-level fields to return */
                    _fields?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description ISO 8601, UTC, microseconds */
                            date_created: string;
                            /** @description ISO 8601, UTC, microseconds */
                            date_updated: string;
                            email: string;
                            first_name: string;
                            id: string;
                            image: string | null;
                            last_name: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhook subscriptions */
        get: {
            parameters: {
                query?: {
                    _fields?: string;
                    /** @description How many objects to return (default and max 100) */
                    _limit?: string;
                    /** @description How many objects to skip (default 0) */
                    _skip?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                created_by: string | null;
                                /** @description ISO 8601, UTC, microseconds */
                                date_created: string;
                                /** @description ISO 8601, UTC, microseconds */
                                date_updated: string;
                                events: {
                                    action: string;
                                    object_type: string;
                                }[];
                                id: string;
                                signature_key: string;
                                status: "active" | "paused";
                                updated_by: string | null;
                                url: string;
                                verify_ssl: boolean;
                            }[];
                            has_more: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            errors: string[];
                            "field-errors": {
                                [key: string]: string;
                            };
                        } | {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a webhook subscription
         * @description Events are POSTed to `url`, signed with `close-sig-hash` (hex HMAC-SHA256 keyed with the hex-decoded `signature_key`, over `close-sig-timestamp` + the raw body).
         */
        post: {
            parameters: {
                query?: {
                    /** @description Comma-separated top-level fields to return */
                    _fields?: string;
                };
                header?: {
                    /** @description Roster extension: 1–255 printable ASCII characters, per user and organization, kept 24 h. A retry of the same request replays the first answer (with `Idempotent-Replayed: true`); another request with the key → 422; while the first still runs → 409. */
                    "idempotency-key"?: string;
                    /** @description Not supported here: 400 if sent. */
                    "if-match"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        events: {
                            action: string;
                            extra_filter?: unknown;
                            object_type: string;
                        }[];
                        url: string;
                        verify_ssl?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        /** @description Roster extension: `true` when this is the stored answer to an earlier request. */
                        "Idempotent-Replayed"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_by: string | null;
                            /** @description ISO 8601, UTC, microseconds */
                            date_created: string;
                            /** @description ISO 8601, UTC, microseconds */
                            date_updated: string;
                            events: {
                                action: string;
                                object_type: string;
                            }[];
                            id: string;
                            signature_key: string;
                            status: "active" | "paused";
                            updated_by: string | null;
                            url: string;
                            verify_ssl: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            errors: string[];
                            "field-errors": {
                                [key: string]: string;
                            };
                        } | {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description A request with this Idempotency-Key is still running. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description This Idempotency-Key was used for another request. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve a webhook subscription */
        get: {
            parameters: {
                query?: {
                    /** @description Comma-separated top-level fields to return */
                    _fields?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_by: string | null;
                            /** @description ISO 8601, UTC, microseconds */
                            date_created: string;
                            /** @description ISO 8601, UTC, microseconds */
                            date_updated: string;
                            events: {
                                action: string;
                                object_type: string;
                            }[];
                            id: string;
                            signature_key: string;
                            status: "active" | "paused";
                            updated_by: string | null;
                            url: string;
                            verify_ssl: boolean;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        /** Update a webhook subscription */
        put: {
            parameters: {
                query?: {
                    /** @description Comma-separated top-level fields to return */
                    _fields?: string;
                };
                header?: {
                    /** @description Roster extension: 1–255 printable ASCII characters, per user and organization, kept 24 h. A retry of the same request replays the first answer (with `Idempotent-Replayed: true`); another request with the key → 422; while the first still runs → 409. */
                    "idempotency-key"?: string;
                    /** @description Not supported here: 400 if sent. */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        events?: {
                            action: string;
                            extra_filter?: unknown;
                            object_type: string;
                        }[];
                        status?: "active" | "paused";
                        url?: string;
                        verify_ssl?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description Roster extension: `true` when this is the stored answer to an earlier request. */
                        "Idempotent-Replayed"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_by: string | null;
                            /** @description ISO 8601, UTC, microseconds */
                            date_created: string;
                            /** @description ISO 8601, UTC, microseconds */
                            date_updated: string;
                            events: {
                                action: string;
                                object_type: string;
                            }[];
                            id: string;
                            signature_key: string;
                            status: "active" | "paused";
                            updated_by: string | null;
                            url: string;
                            verify_ssl: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            errors: string[];
                            "field-errors": {
                                [key: string]: string;
                            };
                        } | {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description A request with this Idempotency-Key is still running. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description This Idempotency-Key was used for another request. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete a webhook subscription */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Roster extension: 1–255 printable ASCII characters, per user and organization, kept 24 h. A retry of the same request replays the first answer (with `Idempotent-Replayed: true`); another request with the key → 422; while the first still runs → 409. */
                    "idempotency-key"?: string;
                    /** @description Not supported here: 400 if sent. */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        /** @description Roster extension: `true` when this is the stored answer to an earlier request. */
                        "Idempotent-Replayed"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description A request with this Idempotency-Key is still running. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description This Idempotency-Key was used for another request. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook/{id}/delivery/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a webhook subscription's delivery attempts (Roster extension) */
        get: {
            parameters: {
                query?: {
                    _fields?: string;
                    /** @description How many objects to return (default and max 100) */
                    _limit?: string;
                    /** @description How many objects to skip (default 0) */
                    _skip?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @description ISO 8601, UTC, microseconds */
                                date_created: string;
                                delivery_id: string;
                                duration_ms: number;
                                error: string | null;
                                event_id: string;
                                id: string;
                                next_retry: string | null;
                                status_code: number | null;
                            }[];
                            has_more: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            errors: string[];
                            "field-errors": {
                                [key: string]: string;
                            };
                        } | {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                        uptime_seconds: number;
                        version: string;
                    };
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The metrics, in Prometheus text format. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
    getReady: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every check passed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checks: {
                            [key: string]: string;
                        };
                        status: "ready" | "unavailable";
                    };
                };
            };
            /** @description A check failed, or the instance is shutting down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checks: {
                            [key: string]: string;
                        };
                        status: "ready" | "unavailable";
                    };
                };
            };
        };
    };
}
