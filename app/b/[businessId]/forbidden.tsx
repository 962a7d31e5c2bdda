import { Restricted } from "@/components/settings/restricted";

/** Rendered with a 403 when a page of this business needs a role the signed-in member does not have. */
export default function DashboardForbidden() {
  return (
    <Restricted title="Only owners and admins can open this page" backHref="/">
      <p>
        Your role in this business does not include team, email or business settings. Ask an owner or admin if you need
        something changed.
      </p>
    </Restricted>
  );
}
