/**
 * The TOTP secret of the demo logins that need a second factor (admin, head, unitadmin). Demo data
 * only: it is published like the demo password, so it protects nothing; it lets the demo show the
 * real flow. Kept free of imports so the web app can show it on the demo sign-in page.
 */
export const DEMO_TOTP_SECRET = "SHEKARADEMOTOTPSECRETKZ234567ABC";
