import { Center, Loader } from "@mantine/core";
import { Navigate, Route, Routes } from "react-router";
import { Layout } from "./Layout";
import { AccountPage } from "./pages/account/AccountPage";
import { OutboxPage } from "./pages/account/OutboxPage";
import { RegisterPage } from "./pages/account/RegisterPage";
import { AuditPage } from "./pages/admin/AuditPage";
import { UsersPage } from "./pages/admin/UsersPage";
import { HandoverActPage } from "./pages/coordination/HandoverActPage";
import { HandoversPage } from "./pages/coordination/HandoversPage";
import { JointPage } from "./pages/coordination/JointPage";
import { PlanPage } from "./pages/coordination/PlanPage";
import { PlansPage } from "./pages/coordination/PlansPage";
import { EligibilityPage } from "./pages/eligibility/EligibilityPage";
import { HomePage } from "./pages/HomePage";
import { LoginPage } from "./pages/LoginPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { ApplyPage } from "./pages/passes/ApplyPage";
import { CasePage } from "./pages/passes/CasePage";
import { CasesPage } from "./pages/passes/CasesPage";
import { MyApplicationsPage } from "./pages/passes/MyApplicationsPage";
import { RegisterArrivalPage } from "./pages/passes/RegisterArrivalPage";
import { RegisterBookPage } from "./pages/passes/RegisterBookPage";
import { VerifyPage } from "./pages/passes/VerifyPage";
import { ReferencePage } from "./pages/reference/ReferencePage";
import { RulesPage } from "./pages/rules/RulesPage";
import { UnitsPage } from "./pages/UnitsPage";
import { useMe } from "./session";

/** Routes of the web app; pages needing a signed-in user send others to the login page. */
export function App() {
  const me = useMe();
  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="loading" />
      </Center>
    );
  }
  const user = me.data ?? null;
  const signedIn = (page: React.ReactNode) => (user ? page : <Navigate to="/login" replace />);
  return (
    <Routes>
      <Route element={<Layout me={user} />}>
        <Route path="/" element={signedIn(<HomePage />)} />
        <Route path="/login" element={user ? <Navigate to="/" replace /> : <LoginPage />} />
        <Route path="/eligibility" element={<EligibilityPage />} />
        <Route path="/units" element={signedIn(<UnitsPage />)} />
        <Route path="/admin/users" element={signedIn(<UsersPage />)} />
        <Route path="/admin/audit" element={signedIn(<AuditPage />)} />
        <Route path="/reference" element={signedIn(<ReferencePage />)} />
        <Route path="/rules" element={<RulesPage />} />
        <Route path="/register" element={user ? <Navigate to="/account" replace /> : <RegisterPage />} />
        <Route path="/account" element={signedIn(<AccountPage />)} />
        <Route path="/dev/outbox" element={<OutboxPage />} />
        <Route path="/my/apply" element={signedIn(<ApplyPage />)} />
        <Route path="/my/applications" element={signedIn(<MyApplicationsPage />)} />
        <Route path="/cases" element={signedIn(<CasesPage />)} />
        <Route path="/cases/new" element={signedIn(<ApplyPage counter key="counter" />)} />
        <Route path="/applications/:id" element={signedIn(<CasePage />)} />
        <Route path="/register-arrival" element={signedIn(<RegisterArrivalPage />)} />
        <Route path="/register-book" element={signedIn(<RegisterBookPage />)} />
        <Route path="/verify" element={<VerifyPage />} />
        <Route path="/verify/:code" element={<VerifyPage />} />
        <Route path="/plans" element={signedIn(<PlansPage />)} />
        <Route path="/plans/:id" element={signedIn(<PlanPage />)} />
        <Route path="/joint" element={signedIn(<JointPage />)} />
        <Route path="/handovers" element={signedIn(<HandoversPage />)} />
        <Route path="/handovers/:id" element={signedIn(<HandoverActPage />)} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
