// The browser entry: picks the page the server rendered and fills it from the API.
import { activityPage } from "./activity.ts";
import { say } from "./dom.ts";
import { rolesPage } from "./roles.ts";
import { teamPage } from "./team.ts";

const pages: Record<string, () => Promise<void>> = {
  team: teamPage,
  roles: rolesPage,
  activity: activityPage,
};

const page = pages[document.body.dataset.page ?? ""];
if (page) page().catch((error: Error) => say(error.message, true));
