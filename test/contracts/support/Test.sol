// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {VM_ADDRESS, Vm} from "./Vm.sol";

/// @title A minimal base for dipr's Solidity tests.
/// @notice Gives a test contract the cheatcodes ({vm}), assertions that revert with the failing values, a
/// forge-std style {bound} and {makeAddr}. A test fails when it reverts, so every assertion reverts on failure.
abstract contract Test {
    /// @notice `actual` differs from `expected`.
    error AssertEqUintFailed(string message, uint256 actual, uint256 expected);
    /// @notice `actual` differs from `expected`.
    error AssertEqBytes32Failed(string message, bytes32 actual, bytes32 expected);
    /// @notice `actual` differs from `expected`.
    error AssertEqAddressFailed(string message, address actual, address expected);
    /// @notice `left` equals `right`, and they should differ.
    error AssertNotEqBytes32Failed(string message, bytes32 left, bytes32 right);
    /// @notice The asserted condition is false.
    error AssertTrueFailed(string message);
    /// @notice {bound} was asked for an empty range.
    error BoundInvalidRange(uint256 min, uint256 max);

    // Foundry's name, which cheatcode users expect.
    // solhint-disable-next-line const-name-snakecase
    Vm internal constant vm = Vm(VM_ADDRESS);

    function assertEq(uint256 actual, uint256 expected, string memory message) internal pure {
        if (actual != expected) revert AssertEqUintFailed(message, actual, expected);
    }

    function assertEq(bytes32 actual, bytes32 expected, string memory message) internal pure {
        if (actual != expected) revert AssertEqBytes32Failed(message, actual, expected);
    }

    function assertEq(address actual, address expected, string memory message) internal pure {
        if (actual != expected) revert AssertEqAddressFailed(message, actual, expected);
    }

    function assertNotEq(bytes32 left, bytes32 right, string memory message) internal pure {
        if (left == right) revert AssertNotEqBytes32Failed(message, left, right);
    }

    function assertTrue(bool condition, string memory message) internal pure {
        if (!condition) revert AssertTrueFailed(message);
    }

    /// @notice Maps `value` into [`min`, `max`], keeping it when it is inside already (forge-std's `bound`).
    /// @dev The fuzzer favours edge inputs (0, 1, 2, 3 and the type maximum); small values map to `min + value`
    /// and values above `max` count down from `max`, so those edge inputs land on the range's edges.
    function bound(uint256 value, uint256 min, uint256 max) internal pure returns (uint256) {
        if (min > max) revert BoundInvalidRange(min, max);
        if (value >= min && value <= max) return value;
        uint256 size = max - min + 1; // no overflow: the full uint256 range returned above
        if (value < 4 && value < size) return min + value;
        if (value > max) return max - (value - max - 1) % size;
        return min + (min - value - 1) % size;
    }

    /// @notice A deterministic address for `name`, labelled in traces.
    function makeAddr(string memory name) internal returns (address account) {
        account = vm.addr(uint256(keccak256(bytes(name))));
        vm.label(account, name);
    }
}
