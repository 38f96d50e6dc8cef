// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @title The cheatcodes dipr's Solidity tests use.
/// @notice A subset of Foundry's `Vm` interface, served by Hardhat 3's Solidity test runner (EDR) at {VM_ADDRESS}.
/// The npm `forge-std` does not build under Hardhat (docs/toolchain.md §6), so the signatures the
/// tests need are declared here; each one is the exact signature EDR implements.
// Foundry's name, which cheatcode users expect.
// solhint-disable-next-line interface-starts-with-i
interface Vm {
    /// @notice Sets `msg.sender` of the next call to `msgSender`.
    function prank(address msgSender) external;

    /// @notice Sets `msg.sender` of every following call to `msgSender`, until {stopPrank}.
    function startPrank(address msgSender) external;

    /// @notice Ends a prank started by {startPrank}.
    function stopPrank() external;

    /// @notice Expects the next call to revert with exactly `revertData`; the test fails otherwise.
    function expectRevert(bytes calldata revertData) external;

    /// @notice Discards the current fuzz input unless `condition` holds.
    function assume(bool condition) external pure;

    /// @notice Sets `block.timestamp`.
    function warp(uint256 newTimestamp) external;

    /// @notice The address of the account with private key `privateKey`.
    function addr(uint256 privateKey) external pure returns (address keyAddr);

    /// @notice Signs `digest` with `privateKey` (secp256k1).
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);

    /// @notice Names `account` in traces.
    function label(address account, string calldata newLabel) external;
}

/// @dev keccak256("hevm cheat code"), the address every Foundry-compatible runner serves cheatcodes at.
address constant VM_ADDRESS = address(uint160(uint256(keccak256("hevm cheat code"))));
