import { redirect } from "next/navigation";
import { currentUser, listMyBusinessesForCurrentUser } from "@/lib/businesses/context";

/** The front door: straight to the first business's inbox, to onboarding, or to sign-in. */
export default async function HomePage() {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  const businesses = await listMyBusinessesForCurrentUser();
  const first = businesses[0];
  if (!first) redirect("/onboarding");
  redirect(`/b/${first.id}/inbox`);
}
