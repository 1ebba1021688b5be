/** The password of every demo login. Demo data exists only in embedded mode or with SHEKARA_DEMO=1. */
export const DEMO_PASSWORD = "demo-shekara-2026";
