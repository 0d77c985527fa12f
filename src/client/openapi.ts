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
        post: operations["setClock"];
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
        get: operations["listFaults"];
        /**
         * Set the fault rules
         * @description Each rule matches a method and a route (OpenAPI `{param}` form) and answers with a status, adds latency, or drops the connection, before or after the write commits, `count` times or with a `probability` (drawn from `seed` when given).
         */
        put: operations["replaceFaults"];
        post?: never;
        /** Clear the fault rules */
        delete: operations["clearFaults"];
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
        get: operations["listJournal"];
        put?: never;
        post?: never;
        /** Empty the request journal */
        delete: operations["clearJournal"];
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
        post: operations["resetDatabase"];
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
        post: operations["createSnapshot"];
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
        post: operations["restoreSnapshot"];
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
        get: operations["listEvents"];
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
        get: operations["getEvent"];
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
        get: operations["getMe"];
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
        get: operations["listMemberships"];
        /**
         * Bulk update memberships
         * @description `id__in` in the query or in `_params` of the body. All or nothing.
         */
        put: operations["bulkUpdateMemberships"];
        /**
         * Create or re-activate a membership
         * @description Needs the organization to restrict new users to its verified email domains, an email on one of them, and a role without manage_organization.
         */
        post: operations["createMembership"];
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
        get: operations["getMembership"];
        /**
         * Update a membership
         * @description Partial update. `role_id` is `admin`, `superuser`, `user`, `restricteduser` or a Role ID; `auto_record_calls` goes from `unset` to `enabled` or `disabled`.
         */
        put: operations["updateMembership"];
        post?: never;
        /** Deactivate a membership */
        delete: operations["deleteMembership"];
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
        get: operations["getPinnedViews"];
        /** Replace a membership's pinned saved views */
        put: operations["updatePinnedViews"];
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
        get: operations["getOrganization"];
        /** Update an organization */
        put: operations["updateOrganization"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organization/{id}/email_domains/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the organization's email domains and their proof (Roster extension) */
        get: operations["listEmailDomains"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organization/{id}/email_domains/{domain}/verify/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify an email domain by its DNS TXT record (Roster extension) */
        post: operations["verifyEmailDomain"];
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
        get: operations["listRoles"];
        put?: never;
        /** Create a role */
        post: operations["createRole"];
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
        get: operations["getRole"];
        /** Update a role */
        put: operations["updateRole"];
        post?: never;
        /** Delete a role */
        delete: operations["deleteRole"];
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
        get: operations["listUsers"];
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
        get: operations["getUser"];
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
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Create a webhook subscription
         * @description Events are POSTed to `url`, signed with `close-sig-hash` (hex HMAC-SHA256 keyed with the hex-decoded `signature_key`, over `close-sig-timestamp` + the raw body).
         */
        post: operations["createWebhook"];
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
        get: operations["getWebhook"];
        /** Update a webhook subscription */
        put: operations["updateWebhook"];
        post?: never;
        /** Delete a webhook subscription */
        delete: operations["deleteWebhook"];
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
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
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
    "/metrics": {
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
    "/ready": {
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
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** Error */
        Error: {
            error: string;
        };
        /** Event */
        Event: {
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
        /** EventPage */
        EventPage: {
            cursor_next: string | null;
            cursor_previous: string | null;
            data: components["schemas"]["Event"][];
        };
        /** Membership */
        Membership: {
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
        /** MembershipBulkUpdate */
        MembershipBulkUpdate: {
            /** @description Query parameters sent in the body (Close's form for long ID lists); they win over the query's */
            _params?: {
                /** @description The membership IDs: comma-separated, or a list; at most 1000 */
                id__in?: string | string[];
            };
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
        /** MembershipCreate */
        MembershipCreate: {
            email: string;
            role_id: string;
        };
        /** MembershipUpdate */
        MembershipUpdate: {
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
        /** Organization */
        Organization: {
            created_by: string | null;
            /** @description ISO 8601, UTC, microseconds */
            date_created: string;
            /** @description ISO 8601, UTC, microseconds */
            date_updated: string;
            id: string;
            inactive_memberships: components["schemas"]["OrganizationMembership"][];
            memberships: components["schemas"]["OrganizationMembership"][];
            name: string;
            /** @description Roster's name: must be true for membership create to work */
            restrict_new_users_to_verified_domains: boolean;
            updated_by: string | null;
            /** @description Roster's name: the domains membership create accepts emails from */
            verified_email_domains: string[];
        };
        /** OrganizationMembership */
        OrganizationMembership: {
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
            user?: components["schemas"]["User"];
            user_email?: string;
            user_first_name?: string;
            user_full_name?: string;
            user_id: string;
            user_last_name?: string;
        };
        /** OrganizationUpdate */
        OrganizationUpdate: {
            name?: string;
            restrict_new_users_to_verified_domains?: boolean;
            verified_email_domains?: string[];
        };
        /** PermissionChange */
        PermissionChange: {
            gained: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
            lost: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
            membership_id: string;
        };
        /** RateLimitError */
        RateLimitError: {
            error: {
                message: string;
                rate_limit: number;
                /** @enum {unknown} */
                rate_limit_type: "key" | "organization";
                /** @description Seconds until one more request is admitted */
                rate_reset: number;
                /** @description Seconds */
                rate_window: number;
            };
        };
        /** Role */
        Role: {
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
        /** RoleCreate */
        RoleCreate: {
            name: string;
            permissions?: string[];
            /** @enum {string|null} */
            visibility_user_lcf_behavior?: "require_assignment" | "allow_unassigned" | null;
            visibility_user_lcf_ids?: string[] | null;
        };
        /** RoleUpdate */
        RoleUpdate: {
            name?: string;
            permissions?: string[];
            /** @enum {string|null} */
            visibility_user_lcf_behavior?: "require_assignment" | "allow_unassigned" | null;
            visibility_user_lcf_ids?: string[] | null;
        };
        /** User */
        User: {
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
        /** ValidationError */
        ValidationError: {
            errors: string[];
            "field-errors": {
                [key: string]: string;
            };
        };
        /** WebhookAttempt */
        WebhookAttempt: {
            /** @description ISO 8601, UTC, microseconds */
            date_created: string;
            delivery_id: string;
            duration_ms: number;
            error: string | null;
            event_id: string;
            id: string;
            next_retry: string | null;
            status_code: number | null;
        };
        /** WebhookSubscription */
        WebhookSubscription: {
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
        /** WebhookSubscriptionCreate */
        WebhookSubscriptionCreate: {
            events: {
                action: string;
                extra_filter?: unknown;
                object_type: string;
            }[];
            url: string;
            verify_ssl?: boolean;
        };
        /** WebhookSubscriptionUpdate */
        WebhookSubscriptionUpdate: {
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
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    setClock: {
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
            /** @description Done: Move the clock. */
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
            /** @description The request is not valid: `{"errors": [...], "field-errors": {...}}` for bad fields, `{"error": ...}` otherwise. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationError"] | components["schemas"]["Error"];
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listFaults: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done: List the fault rules. */
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
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    replaceFaults: {
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
            /** @description Done: Set the fault rules. */
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
            /** @description The request is not valid: `{"errors": [...], "field-errors": {...}}` for bad fields, `{"error": ...}` otherwise. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationError"] | components["schemas"]["Error"];
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    clearFaults: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done: Clear the fault rules. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listJournal: {
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
            /** @description Done: Read the request journal. */
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
            /** @description The request is not valid: `{"errors": [...], "field-errors": {...}}` for bad fields, `{"error": ...}` otherwise. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationError"] | components["schemas"]["Error"];
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    clearJournal: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done: Empty the request journal. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resetDatabase: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done: Reset the test double. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createSnapshot: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done: Take a database snapshot. */
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
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    restoreSnapshot: {
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
            /** @description Done: Restore a database snapshot. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object in the caller's organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listEvents: {
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
            /** @description The EventPage object. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPage"];
                };
            };
            /** @description The request is not valid: `{"errors": [...], "field-errors": {...}}` for bad fields, `{"error": ...}` otherwise. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationError"] | components["schemas"]["Error"];
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    getEvent: {
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
            /** @description The Event object. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Event"];
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object in the caller's organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    getMe: {
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
            /** @description Done: Retrieve your own user. */
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
                        memberships: components["schemas"]["Membership"][];
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
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    listMemberships: {
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
            /** @description Done: List memberships (Roster extension). */
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
            /** @description The request is not valid: `{"errors": [...], "field-errors": {...}}` for bad fields, `{"error": ...}` otherwise. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationError"] | components["schemas"]["Error"];
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    bulkUpdateMemberships: {
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
                "application/json": components["schemas"]["MembershipBulkUpdate"];
            };
        };
        responses: {
            /** @description Done: Bulk update memberships. */
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
                        permission_diff?: components["schemas"]["PermissionChange"][];
                    };
                };
            };
            /** @description The request is not valid: `{"errors": [...], "field-errors": {...}}` for bad fields, `{"error": ...}` otherwise. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationError"] | components["schemas"]["Error"];
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller's role lacks a permission this needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object in the caller's organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than the server accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is neither JSON nor form-encoded. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used for another request. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    createMembership: {
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
                "application/json": components["schemas"]["MembershipCreate"];
            };
        };
        responses: {
            /** @description Done: Create or re-activate a membership. */
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
                        permission_diff?: components["schemas"]["PermissionChange"][];
                        permissions_granted: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                        primary_personal_number: string | null;
                        role: string;
                        role_id: string;
                        track_email_opens: boolean;
                        user_id: string;
                    };
                };
            };
            /** @description The request is not valid: `{"errors": [...], "field-errors": {...}}` for bad fields, `{"error": ...}` otherwise. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationError"] | components["schemas"]["Error"];
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller's role lacks a permission this needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than the server accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is neither JSON nor form-encoded. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used for another request. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    getMembership: {
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
            /** @description The Membership object. */
            200: {
                headers: {
                    /** @description Roster extension: the object's strong entity tag (changes whenever it does). */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Membership"];
                };
            };
            /** @description Not Modified (Roster extension): your copy is current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object in the caller's organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    updateMembership: {
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
                "application/json": components["schemas"]["MembershipUpdate"];
            };
        };
        responses: {
            /** @description Done: Update a membership. */
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
                        permission_diff?: components["schemas"]["PermissionChange"][];
                        permissions_granted: ("bulk_delete" | "bulk_edit" | "bulk_email" | "bulk_import" | "bulk_sequence_subscriptions" | "calling" | "delete_leads" | "delete_own_activities" | "delete_own_opportunities" | "delete_own_tasks" | "export" | "manage_customizations" | "manage_group_numbers" | "manage_organization" | "manage_others_activities" | "manage_others_opportunities" | "manage_others_tasks" | "manage_team_smart_views" | "merge_leads" | "view_all_leads")[];
                        primary_personal_number: string | null;
                        role: string;
                        role_id: string;
                        track_email_opens: boolean;
                        user_id: string;
                    };
                };
            };
            /** @description The request is not valid: `{"errors": [...], "field-errors": {...}}` for bad fields, `{"error": ...}` otherwise. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationError"] | components["schemas"]["Error"];
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller's role lacks a permission this needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object in the caller's organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Precondition Failed: If-Match does not match. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than the server accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is neither JSON nor form-encoded. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used for another request. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    deleteMembership: {
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
            /** @description Done: Deactivate a membership. */
            200: {
                headers: {
                    /** @description Roster extension: `true` when this is the stored answer to an earlier request. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Dry runs only (Roster extension). */
                        permission_diff?: components["schemas"]["PermissionChange"][];
                    };
                };
            };
            /** @description The request is not valid: `{"errors": [...], "field-errors": {...}}` for bad fields, `{"error": ...}` otherwise. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationError"] | components["schemas"]["Error"];
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller's role lacks a permission this needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object in the caller's organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Precondition Failed: If-Match does not match. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used for another request. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    getPinnedViews: {
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
            /** @description Done: List a membership's pinned saved views. */
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
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller's role lacks a permission this needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object in the caller's organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    updatePinnedViews: {
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
            /** @description Done: Replace a membership's pinned saved views. */
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
            /** @description The request is not valid: `{"errors": [...], "field-errors": {...}}` for bad fields, `{"error": ...}` otherwise. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationError"] | components["schemas"]["Error"];
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller's role lacks a permission this needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object in the caller's organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than the server accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is neither JSON nor form-encoded. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used for another request. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    getOrganization: {
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
            /** @description The Organization object. */
            200: {
                headers: {
                    /** @description Roster extension: the object's strong entity tag (changes whenever it does). */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organization"];
                };
            };
            /** @description Not Modified (Roster extension): your copy is current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object in the caller's organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    updateOrganization: {
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
                "application/json": components["schemas"]["OrganizationUpdate"];
            };
        };
        responses: {
            /** @description The Organization object. */
            200: {
                headers: {
                    /** @description Roster extension: the object's strong entity tag (changes whenever it does). */
                    ETag?: string;
                    /** @description Roster extension: `true` when this is the stored answer to an earlier request. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organization"];
                };
            };
            /** @description The request is not valid: `{"errors": [...], "field-errors": {...}}` for bad fields, `{"error": ...}` otherwise. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationError"] | components["schemas"]["Error"];
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller's role lacks a permission this needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object in the caller's organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Precondition Failed: If-Match does not match. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than the server accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is neither JSON nor form-encoded. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used for another request. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    listEmailDomains: {
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
            /** @description Done: List the organization's email domains and their proof (Roster extension). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @description ISO 8601, UTC, microseconds */
                            date_created: string;
                            date_verified: string | null;
                            domain: string;
                            status: "pending" | "verified";
                            /** @description The TXT record to publish on the domain (roster-domain-verification=<token>) to prove it */
                            verification_record: string;
                        }[];
                        has_more: boolean;
                    };
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller's role lacks a permission this needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object in the caller's organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    verifyEmailDomain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domain: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done: Verify an email domain by its DNS TXT record (Roster extension). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description ISO 8601, UTC, microseconds */
                        date_created: string;
                        date_verified: string | null;
                        domain: string;
                        status: "pending" | "verified";
                        /** @description The TXT record to publish on the domain (roster-domain-verification=<token>) to prove it */
                        verification_record: string;
                    };
                };
            };
            /** @description The request is not valid: `{"errors": [...], "field-errors": {...}}` for bad fields, `{"error": ...}` otherwise. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationError"] | components["schemas"]["Error"];
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller's role lacks a permission this needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object in the caller's organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    listRoles: {
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
            /** @description Done: List roles. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Role"][];
                        has_more: boolean;
                    };
                };
            };
            /** @description The request is not valid: `{"errors": [...], "field-errors": {...}}` for bad fields, `{"error": ...}` otherwise. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationError"] | components["schemas"]["Error"];
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    createRole: {
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
                "application/json": components["schemas"]["RoleCreate"];
            };
        };
        responses: {
            /** @description Done: Create a role. */
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
                        permission_diff?: components["schemas"]["PermissionChange"][];
                        permissions: string[];
                        visibility_user_lcf_behavior: string | null;
                        visibility_user_lcf_ids: string[] | null;
                    };
                };
            };
            /** @description The Role object. */
            201: {
                headers: {
                    /** @description Roster extension: the object's strong entity tag (changes whenever it does). */
                    ETag?: string;
                    /** @description Roster extension: `true` when this is the stored answer to an earlier request. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Role"];
                };
            };
            /** @description The request is not valid: `{"errors": [...], "field-errors": {...}}` for bad fields, `{"error": ...}` otherwise. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationError"] | components["schemas"]["Error"];
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller's role lacks a permission this needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than the server accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is neither JSON nor form-encoded. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used for another request. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    getRole: {
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
            /** @description The Role object. */
            200: {
                headers: {
                    /** @description Roster extension: the object's strong entity tag (changes whenever it does). */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Role"];
                };
            };
            /** @description Not Modified (Roster extension): your copy is current. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object in the caller's organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    updateRole: {
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
                "application/json": components["schemas"]["RoleUpdate"];
            };
        };
        responses: {
            /** @description Done: Update a role. */
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
                        permission_diff?: components["schemas"]["PermissionChange"][];
                        permissions: string[];
                        visibility_user_lcf_behavior: string | null;
                        visibility_user_lcf_ids: string[] | null;
                    };
                };
            };
            /** @description The request is not valid: `{"errors": [...], "field-errors": {...}}` for bad fields, `{"error": ...}` otherwise. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationError"] | components["schemas"]["Error"];
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller's role lacks a permission this needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object in the caller's organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Precondition Failed: If-Match does not match. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than the server accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is neither JSON nor form-encoded. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used for another request. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    deleteRole: {
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
            /** @description Done: Delete a role. */
            200: {
                headers: {
                    /** @description Roster extension: `true` when this is the stored answer to an earlier request. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Dry runs only (Roster extension). */
                        permission_diff?: components["schemas"]["PermissionChange"][];
                    };
                };
            };
            /** @description The request is not valid: `{"errors": [...], "field-errors": {...}}` for bad fields, `{"error": ...}` otherwise. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationError"] | components["schemas"]["Error"];
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The caller's role lacks a permission this needs. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object in the caller's organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Precondition Failed: If-Match does not match. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used for another request. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    listUsers: {
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
            /** @description Done: List users. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["User"][];
                        has_more: boolean;
                    };
                };
            };
            /** @description The request is not valid: `{"errors": [...], "field-errors": {...}}` for bad fields, `{"error": ...}` otherwise. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationError"] | components["schemas"]["Error"];
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    getUser: {
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
            /** @description The User object. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object in the caller's organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    listWebhooks: {
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
            /** @description Done: List webhook subscriptions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookSubscription"][];
                        has_more: boolean;
                    };
                };
            };
            /** @description The request is not valid: `{"errors": [...], "field-errors": {...}}` for bad fields, `{"error": ...}` otherwise. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationError"] | components["schemas"]["Error"];
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    createWebhook: {
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
                "application/json": components["schemas"]["WebhookSubscriptionCreate"];
            };
        };
        responses: {
            /** @description The WebhookSubscription object. */
            201: {
                headers: {
                    /** @description Roster extension: `true` when this is the stored answer to an earlier request. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscription"];
                };
            };
            /** @description The request is not valid: `{"errors": [...], "field-errors": {...}}` for bad fields, `{"error": ...}` otherwise. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationError"] | components["schemas"]["Error"];
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than the server accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is neither JSON nor form-encoded. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used for another request. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    getWebhook: {
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
            /** @description The WebhookSubscription object. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscription"];
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object in the caller's organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    updateWebhook: {
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
                "application/json": components["schemas"]["WebhookSubscriptionUpdate"];
            };
        };
        responses: {
            /** @description The WebhookSubscription object. */
            200: {
                headers: {
                    /** @description Roster extension: `true` when this is the stored answer to an earlier request. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscription"];
                };
            };
            /** @description The request is not valid: `{"errors": [...], "field-errors": {...}}` for bad fields, `{"error": ...}` otherwise. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationError"] | components["schemas"]["Error"];
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object in the caller's organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than the server accepts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is neither JSON nor form-encoded. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used for another request. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    deleteWebhook: {
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
            /** @description Done: Delete a webhook subscription. */
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
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object in the caller's organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used for another request. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
    listWebhookDeliveries: {
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
            /** @description Done: List a webhook subscription's delivery attempts (Roster extension). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookAttempt"][];
                        has_more: boolean;
                    };
                };
            };
            /** @description The request is not valid: `{"errors": [...], "field-errors": {...}}` for bad fields, `{"error": ...}` otherwise. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidationError"] | components["schemas"]["Error"];
                };
            };
            /** @description No valid API key, access token or session. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such object in the caller's organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over a rate limit: nothing was done. Retry after `Retry-After` seconds (or the `RateLimit` header's `reset`). */
            429: {
                headers: {
                    /** @description The limit, what remains of it and the seconds until it refills: `limit=20, remaining=0, reset=1`. */
                    RateLimit?: string;
                    /** @description Whole seconds (rounded up, at least 1) until one more request is admitted. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitError"];
                };
            };
        };
    };
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
            /** @description An HTTP/1.1 request without a Host header. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
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
            /** @description An HTTP/1.1 request without a Host header. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
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
            /** @description An HTTP/1.1 request without a Host header. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
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
