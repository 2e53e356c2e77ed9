//! The account pages, in English.

use super::AccountStrings;

pub const STRINGS: AccountStrings = AccountStrings {
    account: "My account",
    account_nav: "Account menu",
    sign_in: "Sign in",
    sign_in_title: "Sign in",
    sign_in_why: "Signed in, you can see your orders, use your saved addresses, and your cart is kept for you.",
    signing_in: "Signing in…",
    cart_merge_note: "What is in this device's cart joins the cart saved on your account.",
    sign_up: "Create an account",
    sign_up_title: "Create an account",
    sign_up_why: "It's free: faster checkout, and your orders always at hand.",
    creating: "Creating…",
    sign_out: "Sign out",
    no_account: "New here?",
    have_account: "Already have an account?",
    forgot_link: "Forgot your password?",

    email: "Email",
    password: "Password",
    new_password: "New password",
    password_hint: "At least 10 characters, not only digits. A phrase you can remember is safest.",
    name: "Name",
    field_error: |field| match field {
        "email" => "Enter a valid email, like name@example.com.",
        "password" => "Use 10 to 128 characters, not only digits.",
        "current_password" => "Enter your password.",
        "name" => "Enter your name (up to 50 characters).",
        "label" => "Give the address a name, like Home or Work (up to 20 characters).",
        "phone" => "Enter a mobile number: 09 and 8 more digits.",
        "postal_code" => "Enter a 3, 5 or 6 digit postal code.",
        "city" => "Enter the city or county.",
        "district" => "Enter the district.",
        "line" => "Enter the street, lane and number.",
        _ => "Check this field.",
    },

    wrong_credentials: "The email or the password is not right. Try again.",
    too_many: |minutes| {
        let unit = if minutes == 1 { "minute" } else { "minutes" };
        format!("Too many attempts. Try again in {minutes} {unit}, or reset your password.")
    },
    offline: "You're offline. Try again once you're back online.",
    stale_page: "This page has expired. Reload it and try again.",
    server_error: "Something went wrong on our side. Try again in a moment.",
    link_spent: "This link has expired or was already used. Ask for a new one.",
    fix_fields: "Some details need fixing. Check them and try again.",

    check_email_title: "Check your email",
    check_email_text: |email| {
        format!("We've sent a message to {email}. Open its link to confirm your email (valid for 48 hours).")
    },
    check_email_hint: "Nothing there? Look in your spam folder, or wait a few minutes. You can sign in and shop before confirming.",

    verify_title: "Confirm your email",
    verifying: "Confirming…",
    verified: "Your email is confirmed. Thank you!",
    claimed_orders: |n| {
        if n == 1 {
            "1 order placed with this email is now in your account.".into()
        } else {
            format!("{n} orders placed with this email are now in your account.")
        }
    },
    go_to_account: "Go to my account",

    forgot_title: "Forgot your password",
    forgot_text: "Enter the email you signed up with and we'll send you a link to choose a new password.",
    send_link: "Send the link",
    sending: "Sending…",
    reset_sent: "If this email has an account, a link to reset the password is on its way (valid for 1 hour). Check your inbox.",
    back_to_sign_in: "Back to sign in",
    reset_title: "Choose a new password",
    reset_text: "Choose your new password. Every device signed in to your account will be signed out.",
    save_password: "Save the password",
    password_changed: "Your password has been changed. Sign in with it.",

    profile: "Profile",
    verified_badge: "Verified",
    unverified_badge: "Not verified",
    unverified_note: "Open the link we emailed you at sign-up. Once confirmed, guest orders placed with this email join your account.",
    member_since: |day| format!("Member since {day}"),
    edit_name: "Change name",
    save: "Save",
    saving: "Saving…",
    saved: "Saved.",
    cancel: "Cancel",
    signing_out: "Signing out…",

    orders: "Orders",
    no_orders: "No orders yet.",
    start_shopping: "Start shopping",
    items: |n| if n == 1 { "1 item".into() } else { format!("{n} items") },
    more_orders: "More orders",

    addresses: "Addresses",
    addresses_why: "Use a saved address at checkout in one tap.",
    no_addresses: "No saved addresses yet.",
    add_address: "Add an address",
    edit_address: "Change the address",
    edit: "Change",
    delete: "Delete",
    default_badge: "Default",
    make_default: "Make default",
    is_default: "Make this my default address",
    label: "Address name",
    label_placeholder: "Home, Work",
    recipient: "Recipient's name",
    mobile: "Mobile number",
    book_full: "You can keep up to 20 addresses: delete one first.",

    signed_in_as: |name| format!("Hello, {name}"),
};
