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
import { DataBankPage } from "./pages/databank/DataBankPage";
import { DocumentPage } from "./pages/databank/DocumentPage";
import { EligibilityPage } from "./pages/eligibility/EligibilityPage";
import { CompliancePage } from "./pages/exchange/CompliancePage";
import { ComposePage } from "./pages/exchange/ComposePage";
import { DutyDayPage } from "./pages/exchange/DutyDayPage";
import { MessagePage } from "./pages/exchange/MessagePage";
import { MessagesPage } from "./pages/exchange/MessagesPage";
import { setDisplayZone } from "./pages/exchange/shared";
import { HomePage } from "./pages/HomePage";
import { LoginPage } from "./pages/LoginPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { ApplyPage } from "./pages/passes/ApplyPage";
import { CasePage } from "./pages/passes/CasePage";
import { CasesPage } from "./pages/passes/CasesPage";
import { MyApplicationsPage } from "./pages/passes/MyApplicationsPage";
import { PassDeskPage } from "./pages/passes/PassDeskPage";
import { RegisterArrivalPage } from "./pages/passes/RegisterArrivalPage";
import { RegisterBookPage } from "./pages/passes/RegisterBookPage";
import { VerifyPage } from "./pages/passes/VerifyPage";
import { NewPetitionPage } from "./pages/petitions/NewPetitionPage";
import { PetitionPage } from "./pages/petitions/PetitionPage";
import { PetitionsPage } from "./pages/petitions/PetitionsPage";
import { ReferencePage } from "./pages/reference/ReferencePage";
import { RulesPage } from "./pages/rules/RulesPage";
import { RecordsPage } from "./pages/screening/RecordsPage";
import { ScreeningPage } from "./pages/screening/ScreeningPage";
import { ForeignerApplyPage } from "./pages/special/ForeignerApplyPage";
import { ForeignerCasePage } from "./pages/special/ForeignerCasePage";
import { ForeignersPage } from "./pages/special/ForeignersPage";
import { WorksApplyPage } from "./pages/special/WorksApplyPage";
import { WorksCasePage } from "./pages/special/WorksCasePage";
import { WorksPage } from "./pages/special/WorksPage";
import { StatisticsPage } from "./pages/statistics/StatisticsPage";
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
  // Local times in forms and lists are the user's unit's; set before any page renders.
  setDisplayZone(user?.timeZone);
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
        <Route path="/pass-desk" element={signedIn(<PassDeskPage />)} />
        <Route path="/screening" element={signedIn(<ScreeningPage />)} />
        <Route path="/screening/records" element={signedIn(<RecordsPage />)} />
        <Route path="/exchange" element={signedIn(<MessagesPage />)} />
        <Route path="/exchange/messages/:id" element={signedIn(<MessagePage />)} />
        <Route path="/exchange/compose" element={signedIn(<ComposePage />)} />
        <Route path="/exchange/duty" element={signedIn(<DutyDayPage />)} />
        <Route path="/exchange/compliance" element={signedIn(<CompliancePage />)} />
        <Route path="/foreigners" element={signedIn(<ForeignersPage view="iab" key="iab" />)} />
        <Route path="/nsc/foreigners" element={signedIn(<ForeignersPage view="nsc" key="nsc" />)} />
        <Route path="/my/foreigners" element={signedIn(<ForeignersPage view="mine" key="mine" />)} />
        <Route path="/foreigners/new" element={signedIn(<ForeignerApplyPage />)} />
        <Route path="/my/foreigners/new" element={signedIn(<ForeignerApplyPage />)} />
        <Route path="/foreigners/:id" element={signedIn(<ForeignerCasePage />)} />
        <Route path="/special-works" element={signedIn(<WorksPage />)} />
        <Route path="/my/special-works" element={signedIn(<WorksPage />)} />
        <Route path="/special-works/new" element={signedIn(<WorksApplyPage />)} />
        <Route path="/special-works/:id" element={signedIn(<WorksCasePage />)} />
        <Route path="/statistics" element={signedIn(<StatisticsPage />)} />
        <Route path="/databank" element={signedIn(<DataBankPage />)} />
        <Route path="/databank/:id" element={signedIn(<DocumentPage />)} />
        <Route path="/petitions" element={signedIn(<PetitionsPage />)} />
        <Route path="/petitions/new" element={signedIn(<NewPetitionPage />)} />
        <Route path="/petitions/:id" element={signedIn(<PetitionPage />)} />
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
